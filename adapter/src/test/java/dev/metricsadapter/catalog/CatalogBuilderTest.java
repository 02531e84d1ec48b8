package dev.metricsadapter.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRule;
import dev.metricsadapter.rules.QueryBuildException;
import dev.metricsadapter.testing.Rules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogBuilderTest {

  private static final ResourceMapper MAPPER = new BuiltinResourceMapper();

  private static List<CompiledRule> rules(String yaml) {
    return Rules.compile(yaml).rules();
  }

  private static MetricCatalog catalog(CompiledRule rule, Series... series) {
    return new CatalogBuilder(MAPPER).build(List.of(new RuleSeries(rule, List.of(series))));
  }

  private static List<String> keys(MetricCatalog catalog) {
    return catalog.entries().stream()
        .map(e -> e.key() + (e.key().namespaced() ? "" : " (cluster)"))
        .toList();
  }

  @Test
  void firstRuleWinsADuplicateMetricAndTheConflictIsReported() {
    List<CompiledRule> rules =
        rules(
            """
            rules:
            - seriesQuery: '{__name__="a_total"}'
              resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
              name: {matches: "^a_total$", as: requests}
              metricsQuery: first(<<.Series>>{<<.LabelMatchers>>})
            - seriesQuery: '{__name__="b_total"}'
              resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
              name: {matches: "^b_total$", as: requests}
              metricsQuery: second(<<.Series>>{<<.LabelMatchers>>})
            """);
    Map<String, String> labels = Map.of("namespace", "demo", "pod", "web-1");
    for (int run = 0; run < 2; run++) {
      MetricCatalog catalog =
          new CatalogBuilder(MAPPER)
              .build(
                  List.of(
                      new RuleSeries(rules.get(0), List.of(new Series("a_total", labels))),
                      new RuleSeries(rules.get(1), List.of(new Series("b_total", labels)))));
      CatalogEntry pods =
          catalog.find(new MetricKey(GroupResource.core("pods"), true, "requests")).orElseThrow();
      assertEquals("a_total", pods.seriesName());
      assertEquals(
          "first(a_total{namespace=\"demo\",pod=\"web-1\"})",
          pods.rule()
              .customQuery(
                  pods.seriesName(),
                  GroupResource.core("pods"),
                  "demo",
                  List.of("web-1"),
                  LabelSelector.EVERYTHING,
                  MAPPER));
      assertEquals(
          List.of(
              "metric namespaces/requests is produced by rule r.yaml:2 rules[0] (series a_total)"
                  + " and by rule r.yaml:6 rules[1] (series b_total); serving the first",
              "metric pods/requests is produced by rule r.yaml:2 rules[0] (series a_total) and by"
                  + " rule r.yaml:6 rules[1] (series b_total); serving the first"),
          catalog.warnings());
    }
  }

  @Test
  void scopeComesFromTheMapperNotAHardCodedList() {
    List<CompiledRule> rules =
        rules(
            """
            rules:
            - seriesQuery: '{__name__="x"}'
              resources:
                overrides:
                  ingressclass: {group: networking.k8s.io, resource: ingressclass}
                  pv: {resource: pv}
                  node: {resource: nodes}
              metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)
            """);
    MetricCatalog catalog =
        catalog(
            rules.get(0), new Series("x", Map.of("ingressclass", "nginx", "pv", "v", "node", "n")));
    assertEquals(
        List.of(
            "nodes/x (cluster)",
            "persistentvolumes/x (cluster)",
            "ingressclasses.networking.k8s.io/x (cluster)"),
        keys(catalog));
    CatalogEntry entry =
        catalog
            .find(
                new MetricKey(new GroupResource("networking.k8s.io", "ingressclasses"), false, "x"))
            .orElseThrow();
    assertEquals(
        "sum(x{ingressclass=~\"a\\\\.b|c\"}) by (ingressclass)",
        entry
            .rule()
            .customQuery(
                "x",
                entry.key().resource(),
                null,
                List.of("a.b", "c"),
                LabelSelector.EVERYTHING,
                MAPPER));
  }

  @Test
  void namespacedResourcesNeedANamespaceLabel() {
    List<CompiledRule> rules =
        rules(
            """
            rules:
            - seriesQuery: '{__name__="x"}'
              resources: {overrides: {pod: {resource: pod}, node: {resource: node}}}
              metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)
            """);
    MetricCatalog catalog = catalog(rules.get(0), new Series("x", Map.of("pod", "p", "node", "n")));
    assertEquals(List.of("nodes/x (cluster)"), keys(catalog));
    assertEquals(
        List.of(
            "rule r.yaml:2 rules[0]: label 'pod' names namespaced resource pods but the rule has no"
                + " namespace label, so pods/x is not served; add a resources.overrides entry for the"
                + " namespace label"),
        catalog.warnings());
  }

  @Test
  void groupTemplatesResolveSanitizedGroupsAndTheCoreGroup() {
    List<CompiledRule> rules =
        rules(
            """
            rules:
            - seriesQuery: '{__name__="x"}'
              resources: {template: "kube_<<.Group>>_<<.Resource>>"}
              metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)
            """);
    MetricCatalog catalog =
        catalog(
            rules.get(0),
            new Series(
                "x",
                Map.of(
                    "kube__namespace", "demo",
                    "kube_networking_k8s_io_ingress", "web",
                    "kube_apps_deployment", "api",
                    "kube_apps_nothing", "z",
                    "job", "scrape")));
    assertEquals(
        List.of("namespaces/x (cluster)", "deployments.apps/x", "ingresses.networking.k8s.io/x"),
        keys(catalog));
    assertTrue(catalog.warnings().isEmpty());
    CatalogEntry ingress =
        catalog
            .find(new MetricKey(new GroupResource("networking.k8s.io", "ingresses"), true, "x"))
            .orElseThrow();
    assertEquals(
        "sum(x{kube__namespace=\"demo\",kube_networking_k8s_io_ingress=\"web\"}) by"
            + " (kube_networking_k8s_io_ingress)",
        ingress
            .rule()
            .customQuery(
                "x",
                ingress.key().resource(),
                "demo",
                List.of("web"),
                LabelSelector.EVERYTHING,
                MAPPER));
  }

  @Test
  void aRuleWithoutAnyResourceLabelRegistersNothing() {
    List<CompiledRule> rules =
        rules("rules:\n- seriesQuery: s\n  metricsQuery: sum(<<.Series>>)\n");
    MetricCatalog catalog = catalog(rules.get(0), new Series("x", Map.of("pod", "p")));
    assertTrue(catalog.entries().isEmpty());
  }

  @Test
  void externalQueriesHonourNamespaced() {
    List<CompiledRule> external =
        Rules.compile(
                """
                externalRules:
                - seriesQuery: '{__name__="queue_depth"}'
                  resources: {overrides: {namespace: {resource: namespace}}}
                  metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (name)
                - seriesQuery: '{__name__="queue_depth"}'
                  resources: {namespaced: false}
                  metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (name)
                - seriesQuery: '{__name__="queue_depth"}'
                  metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (name)
                """)
            .externalRules();
    LabelSelector selector = LabelSelector.parse("topic=foo");
    assertEquals(
        "sum(queue_depth{topic=\"foo\",namespace=\"default\"}) by (name)",
        external.get(0).externalQuery("queue_depth", "default", selector, MAPPER));
    assertEquals(
        "sum(queue_depth{topic=\"foo\"}) by (name)",
        external.get(1).externalQuery("queue_depth", "default", selector, MAPPER));
    QueryBuildException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            QueryBuildException.class,
            () -> external.get(2).externalQuery("queue_depth", "default", selector, MAPPER));
    assertEquals(
        "rule r.yaml:8 externalRules[2] has no label for resource namespaces: add a"
            + " resources.overrides entry or a resources.template",
        failure.getMessage());
  }
}
