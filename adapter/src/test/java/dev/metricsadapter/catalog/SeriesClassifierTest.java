package dev.metricsadapter.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.metricsadapter.catalog.SeriesVerdict.Association;
import dev.metricsadapter.catalog.SeriesVerdict.Dropped;
import dev.metricsadapter.catalog.SeriesVerdict.Produced;
import dev.metricsadapter.catalog.SeriesVerdict.Reason;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRule;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.testing.Rules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesClassifierTest {

  private static final ResourceMapper MAPPER = new BuiltinResourceMapper();

  private static final GroupResource PODS = GroupResource.core("pods");
  private static final GroupResource NODES = GroupResource.core("nodes");
  private static final GroupResource NAMESPACES = GroupResource.core("namespaces");

  private static CompiledRules compile(String yaml) {
    return Rules.compile(yaml);
  }

  private static CompiledRule rule(String yaml) {
    return compile(yaml).rules().get(0);
  }

  private static Series series(String name, String... labels) {
    Map<String, String> map = new HashMap<>();
    for (String label : labels) {
      map.put(label, "x");
    }
    return new Series(name, map);
  }

  @Test
  void seriesDroppedByTheSamePartOfTheRuleShareOneVerdict() {
    SeriesClassifier classifier =
        SeriesClassifier.custom(
            rule(
                """
                rules:
                - seriesQuery: q
                  seriesFilters: [{isNot: "^skip_"}, {is: "_total$"}]
                  resources: {overrides: {namespace: {resource: namespace}}}
                  name: {matches: "^(http)_(.*)_total$", as: "${2}"}
                  metricsQuery: sum(<<.Series>>)
                """),
            MAPPER);
    SeriesVerdict first = classifier.classify(series("skip_a_total"));
    assertEquals(new Dropped(Reason.REMOVED_BY_FILTER, "isNot: ^skip_", List.of()), first);
    assertSame(first, classifier.classify(series("skip_b_total", "namespace")));
    SeriesVerdict second = classifier.classify(series("a_count"));
    assertEquals(new Dropped(Reason.REMOVED_BY_FILTER, "is: _total$", List.of()), second);
    SeriesVerdict name = classifier.classify(series("rpc_a_total"));
    assertEquals(new Dropped(Reason.NAME_DID_NOT_MATCH, "^(http)_(.*)_total$", List.of()), name);
    assertSame(name, classifier.classify(series("grpc_b_total")));
    assertEquals(
        new Dropped(Reason.NAME_EXPANDED_TO_NOTHING, "", List.of()),
        classifier.classify(series("http__total", "namespace")));
    assertEquals(
        new Dropped(Reason.NO_RESOURCE_LABEL, "", List.of()),
        classifier.classify(series("http_a_total", "job")));
  }

  @Test
  void everyLabelNamingAResourceIsAnAssociationInLabelOrder() {
    SeriesClassifier classifier =
        SeriesClassifier.custom(
            rule(
                """
                rules:
                - seriesQuery: q
                  resources:
                    overrides: {namespace: {resource: namespace}, pod: {resource: pod}}
                  metricsQuery: sum(<<.Series>>)
                """),
            MAPPER);
    assertEquals(
        new Produced(
            "m",
            List.of(
                new Association("namespace", new MetricKey(NAMESPACES, false, "m"), true),
                new Association("pod", new MetricKey(PODS, true, "m"), true))),
        classifier.classify(series("m", "pod", "job", "namespace")));
  }

  @Test
  void withoutANamespaceLabelNamespacedResourcesAreNotServed() {
    SeriesClassifier classifier =
        SeriesClassifier.custom(
            rule(
                """
                rules:
                - seriesQuery: q
                  resources: {overrides: {pod: {resource: pod}, node: {resource: node}}}
                  metricsQuery: sum(<<.Series>>)
                """),
            MAPPER);
    Association node = new Association("node", new MetricKey(NODES, false, "m"), true);
    Association pod = new Association("pod", new MetricKey(PODS, true, "m"), false);
    assertEquals(
        new Produced("m", List.of(node, pod)), classifier.classify(series("m", "pod", "node")));
    assertEquals(
        new Dropped(Reason.NO_NAMESPACE_LABEL, "", List.of(pod)),
        classifier.classify(series("m", "pod")));
  }

  @Test
  void externalRulesProduceTheNameWithoutAssociations() {
    CompiledRule rule =
        compile(
                """
                externalRules:
                - seriesQuery: q
                  resources: {overrides: {namespace: {resource: namespace}}}
                  name: {matches: "^queue_(.*)$"}
                  metricsQuery: sum(<<.Series>>)
                """)
            .externalRules()
            .get(0);
    SeriesClassifier classifier = SeriesClassifier.external(rule);
    assertEquals(
        new Produced("depth", List.of()), classifier.classify(series("queue_depth", "namespace")));
    assertEquals(
        new Dropped(Reason.NAME_DID_NOT_MATCH, "^queue_(.*)$", List.of()),
        classifier.classify(series("jobs")));
  }

  /** Each rule with the answer to its seriesQuery. */
  private static List<RuleSeries> paired(
      List<CompiledRule> rules, Map<String, List<Series>> answers) {
    return rules.stream()
        .map(r -> new RuleSeries(r, answers.getOrDefault(r.seriesQuery(), List.of())))
        .toList();
  }

  /** Records what a fold is handed. */
  private static final class Recorder implements VerdictFold {
    final List<String> calls = new ArrayList<>();

    @Override
    public void rule(RuleSeries discovered) {
      calls.add("rule " + discovered.rule());
    }

    @Override
    public void verdict(Series series, long count, SeriesVerdict verdict) {
      calls.add(series.name() + " " + verdict.getClass().getSimpleName());
    }
  }

  @Test
  void aFoldRidingAlongTheCatalogSeesEveryVerdictOnceInRuleThenSeriesOrder() {
    CompiledRules rules =
        compile(
            """
            rules:
            - seriesQuery: a
              resources: {overrides: {namespace: {resource: namespace}}}
              name: {matches: "^a_(.*)$"}
              metricsQuery: sum(<<.Series>>)
            - seriesQuery: b
              resources: {overrides: {namespace: {resource: namespace}}}
              metricsQuery: sum(<<.Series>>)
            externalRules:
            - seriesQuery: a
              name: {matches: "^a_(.*)$"}
              metricsQuery: sum(<<.Series>>)
            """);
    List<Series> a = List.of(series("a_x", "namespace"), series("b_x", "namespace"));
    List<Series> b = List.of(series("c_x", "job"));
    Map<String, List<Series>> answers = Map.of("a", a, "b", b);
    Recorder custom = new Recorder();
    MetricCatalog catalog =
        new CatalogBuilder(MAPPER).build(paired(rules.rules(), answers), custom);
    assertEquals(
        List.of(
            "rule r.yaml:2 rules[0]",
            "a_x Produced",
            "b_x Dropped",
            "rule r.yaml:6 rules[1]",
            "c_x Dropped"),
        custom.calls);
    assertEquals(
        List.copyOf(new CatalogBuilder(MAPPER).build(paired(rules.rules(), answers)).entries()),
        List.copyOf(catalog.entries()));
    Recorder external = new Recorder();
    ExternalCatalog externalCatalog =
        ExternalCatalog.build(paired(rules.externalRules(), answers), external);
    assertEquals(
        List.of("rule r.yaml:10 externalRules[0]", "a_x Produced", "b_x Dropped"), external.calls);
    assertEquals(
        List.of("x"),
        externalCatalog.entries().stream().map(ExternalCatalog.Entry::metric).toList());
  }
}
