package dev.metricsadapter.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.catalog.CatalogBuilder;
import dev.metricsadapter.catalog.ExternalCatalog;
import dev.metricsadapter.catalog.MetricCatalog;
import dev.metricsadapter.provider.DiscoveredSeries;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.RuleCompiler;
import dev.metricsadapter.rules.RuleConfigParser;
import dev.metricsadapter.rules.RuleDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hints of {@code /debug/explain} for a missing metric, from the latest discovery. */
class MissingMetricHintsTest {

  private static final ResourceMapper MAPPER = new BuiltinResourceMapper();

  private static final CompiledRules RULES =
      new RuleCompiler(MAPPER)
          .compile(
              new RuleConfigParser()
                  .parse(
                      List.of(
                          new RuleDocument(
                              "r.yaml",
                              """
                              rules:
                              - seriesQuery: q
                                seriesFilters: [{isNot: "^skip_"}]
                                resources:
                                  overrides: {namespace: {resource: namespace}, pod: {resource: pod}}
                                name: {matches: "^(.*)_total$", as: "${1}_per_second"}
                                metricsQuery: sum(<<.Series>>)
                              externalRules:
                              - seriesQuery: q
                                name: {matches: "^http_(.*)_total$", as: "${1}_rate"}
                                metricsQuery: sum(<<.Series>>)
                              """))));

  /** Six series in three shapes: four pods' requests, one with a code label, one to skip. */
  private static MissingMetricHints hints() {
    DiscoveredSeries.Builder answer = new DiscoveredSeries.Builder();
    for (String pod : List.of("web-1", "web-2", "api-1", "api-2")) {
      answer.add(Map.of("__name__", "http_requests_total", "namespace", "demo", "pod", pod));
    }
    answer.add(
        Map.of("__name__", "http_requests_total", "namespace", "demo", "pod", "x", "code", "500"));
    answer.add(Map.of("__name__", "skip_total", "namespace", "demo", "pod", "web-1"));
    Map<String, DiscoveredSeries> byQuery = Map.of("q", answer.build());
    DiscoverySnapshot discovered =
        new DiscoverySnapshot(
            MetricCatalog.EMPTY,
            ExternalCatalog.EMPTY,
            byQuery,
            Instant.EPOCH,
            Duration.ZERO,
            Map.of());
    DiscoverySnapshot snapshot =
        new DiscoverySnapshot(
            new CatalogBuilder(MAPPER).build(discovered.seriesOf(RULES.rules())),
            ExternalCatalog.build(discovered.seriesOf(RULES.externalRules())),
            byQuery,
            Instant.EPOCH,
            Duration.ZERO,
            Map.of());
    return new MissingMetricHints(() -> snapshot, () -> RULES, MAPPER);
  }

  @Test
  void customHintsCountSeriesNotShapes() {
    MissingMetricHints.Hints hints = hints().custom("http_request_per_second");

    assertEquals(List.of(), hints.servedFor());
    assertEquals(
        List.of("namespaces/http_requests_per_second", "pods/http_requests_per_second"),
        hints.closest());
    DiscoveryReport.RuleReport rule = hints.rules().get(0);
    assertEquals(6, rule.seriesMatched());
    assertEquals(5, rule.seriesKept());
    assertEquals(
        List.of(
            new DiscoveryReport.Drop(
                "removed by filter 'isNot: ^skip_'", 1, List.of("skip_total"))),
        rule.dropped());
  }

  @Test
  void externalHintsCountSeriesNotShapes() {
    MissingMetricHints.Hints hints = hints().external("requests_rate");

    assertEquals(List.of("requests_rate"), hints.servedFor());
    DiscoveryReport.RuleReport rule = hints.rules().get(0);
    assertEquals(6, rule.seriesMatched());
    assertEquals(5, rule.seriesKept());
    assertEquals(
        List.of(
            new DiscoveryReport.Drop(
                "name did not match '^http_(.*)_total$'", 1, List.of("skip_total"))),
        rule.dropped());
  }
}
