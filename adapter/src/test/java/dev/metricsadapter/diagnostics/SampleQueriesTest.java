package dev.metricsadapter.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.rules.CompiledRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code check}'s sample requests, for objects that discovery listed. */
class SampleQueriesTest {

  @Test
  void aSampleAsksForTheFirstListedObjectOfAShapeThatNamesOne() {
    CompiledRules rules =
        Discovered.rules(
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
            """);
    // The first series names no pod; the pods come in a shape of their own.
    Discovered discovered =
        new Discovered()
            .list(Map.of("__name__", "requests", "namespace", "ops"))
            .list(Map.of("__name__", "requests", "namespace", "demo", "pod", "web-7"))
            .list(Map.of("__name__", "requests", "namespace", "demo", "pod", "web-8"));
    DiscoverySnapshot snapshot = discovered.snapshot(rules);

    List<SampleQueries.Sample> samples =
        SampleQueries.of(
            rules,
            snapshot.catalog(),
            snapshot.external(),
            snapshot.seriesByQuery(),
            Discovered.MAPPER);

    assertEquals(
        List.of(
            "pods/requests demo/web-7 sum(requests{namespace=\"demo\",pod=\"web-7\"})",
            "external requests in ops sum(requests{namespace=\"ops\"})"),
        samples.stream().map(sample -> sample.request() + " " + sample.promql()).toList());
  }
}
