package dev.metricsadapter.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.rules.CompiledRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hints of {@code /debug/explain} for a missing metric, from the latest discovery. */
class MissingMetricHintsTest {

  private static final CompiledRules RULES =
      Discovered.rules(
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
          """);

  /** Six series in three shapes: four pods' requests, one with a code label, one to skip. */
  private static MissingMetricHints hints() {
    Discovered discovered = new Discovered();
    for (String pod : List.of("web-1", "web-2", "api-1", "api-2")) {
      discovered.list(Map.of("__name__", "http_requests_total", "namespace", "demo", "pod", pod));
    }
    discovered
        .list(
            Map.of(
                "__name__", "http_requests_total", "namespace", "demo", "pod", "x", "code", "500"))
        .list(Map.of("__name__", "skip_total", "namespace", "demo", "pod", "web-1"));
    DiscoverySnapshot snapshot = discovered.snapshot(RULES);
    return new MissingMetricHints(() -> snapshot, () -> RULES, Discovered.MAPPER);
  }

  /** Six series matched, the five requests kept, and skip_total dropped for {@code why}. */
  private static void assertCountsSeries(DiscoveryReport.RuleReport rule, String why) {
    assertEquals(6, rule.seriesMatched());
    assertEquals(5, rule.seriesKept());
    assertEquals(List.of(new DiscoveryReport.Drop(why, 1, List.of("skip_total"))), rule.dropped());
  }

  @Test
  void customHintsCountSeriesNotShapes() {
    MissingMetricHints.Hints hints = hints().custom("http_request_per_second");

    assertEquals(List.of(), hints.servedFor());
    assertEquals(
        List.of("namespaces/http_requests_per_second", "pods/http_requests_per_second"),
        hints.closest());
    assertCountsSeries(hints.rules().get(0), "removed by filter 'isNot: ^skip_'");
  }

  @Test
  void externalHintsCountSeriesNotShapes() {
    MissingMetricHints.Hints hints = hints().external("requests_rate");

    assertEquals(List.of("requests_rate"), hints.servedFor());
    assertCountsSeries(hints.rules().get(0), "name did not match '^http_(.*)_total$'");
  }
}
