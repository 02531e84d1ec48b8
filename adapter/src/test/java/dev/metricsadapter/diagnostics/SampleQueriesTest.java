package dev.metricsadapter.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** {@code check}'s sample requests, for objects that discovery listed. */
class SampleQueriesTest {

  private static final ResourceMapper MAPPER = new BuiltinResourceMapper();

  @Test
  void aSampleAsksForTheFirstListedObjectOfAShapeThatNamesOne() {
    CompiledRules rules =
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
                                  resources:
                                    overrides: {namespace: {resource: namespace}, pod: {resource: pod}}
                                  metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>})
                                externalRules:
                                - seriesQuery: q
                                  resources: {overrides: {namespace: {resource: namespace}}}
                                  metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>})
                                """))));
    DiscoveredSeries.Builder answer = new DiscoveredSeries.Builder();
    // The first series names no pod; the pods come in a shape of their own.
    answer.add(Map.of("__name__", "requests", "namespace", "ops"));
    answer.add(Map.of("__name__", "requests", "namespace", "demo", "pod", "web-7"));
    answer.add(Map.of("__name__", "requests", "namespace", "demo", "pod", "web-8"));
    Map<String, DiscoveredSeries> byQuery = Map.of("q", answer.build());
    DiscoverySnapshot discovered =
        new DiscoverySnapshot(
            MetricCatalog.EMPTY,
            ExternalCatalog.EMPTY,
            byQuery,
            Instant.EPOCH,
            Duration.ZERO,
            Map.of());
    DiscoveryReport report =
        DiscoveryReport.build(
            discovered.seriesOf(rules.rules()), discovered.seriesOf(rules.externalRules()), MAPPER);

    List<SampleQueries.Sample> samples =
        SampleQueries.of(rules, report.catalog(), report.externalCatalog(), byQuery, MAPPER);

    assertEquals(
        List.of(
            "pods/requests demo/web-7 sum(requests{namespace=\"demo\",pod=\"web-7\"})",
            "external requests in ops sum(requests{namespace=\"ops\"})"),
        samples.stream().map(sample -> sample.request() + " " + sample.promql()).toList());
  }
}
