package dev.metricsadapter.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.metricsadapter.catalog.CatalogBuilder;
import dev.metricsadapter.catalog.CatalogEntry;
import dev.metricsadapter.catalog.MetricCatalog;
import dev.metricsadapter.catalog.MetricKey;
import dev.metricsadapter.catalog.RuleSeries;
import dev.metricsadapter.catalog.Series;
import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.testing.Rules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cases from prometheus-adapter's {@code series_registry_test.go} (the default config with label
 * prefix {@code kube_}) and {@code provider_test.go} (the default config with no prefix), run
 * through our parser, compiler and catalog.
 *
 * <p>Adapted throughout: our built-in resource table has modern groups only, so upstream's {@code
 * extensions/ingresses} is {@code ingresses.networking.k8s.io} and {@code extensions/deployments}
 * is {@code deployments.apps}.
 */
class DefaultConfigRegistryUpstreamTest {

  private static final ResourceMapper MAPPER = new BuiltinResourceMapper();

  /** config-gen's {@code DefaultConfig(rateInterval, labelPrefix)} rules, as YAML. */
  static String defaultConfigYaml(String rate, String prefix) {
    String containerSeriesQuery =
        "'{__name__=~\"^container_.*\",container!=\"POD\",namespace!=\"\",pod!=\"\"}'";
    String containerOverrides =
        "  resources:\n"
            + "    overrides:\n"
            + "      namespace:\n"
            + "        resource: namespace\n"
            + "      pod:\n"
            + "        resource: pod\n";
    String containerRate =
        "'sum(rate(<<.Series>>{<<.LabelMatchers>>,container!=\"POD\"}["
            + rate
            + "]))"
            + " by (<<.GroupBy>>)'";
    String containerGauge =
        "'sum(<<.Series>>{<<.LabelMatchers>>,container!=\"POD\"}) by (<<.GroupBy>>)'";
    String normalSeriesQuery = "'{" + prefix + "namespace!=\"\",__name__!~\"^container_.*\"}'";
    String normalResources = "  resources:\n    template: '" + prefix + "<<.Resource>>'\n";
    String normalGauge = "'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'";
    String normalRate =
        "'sum(rate(<<.Series>>{<<.LabelMatchers>>}[" + rate + "])) by (<<.GroupBy>>)'";
    return "rules:\n"
        // 1: container seconds -> rate
        + "- seriesQuery: "
        + containerSeriesQuery
        + "\n  seriesFilters: []\n"
        + containerOverrides
        + "  name:\n    matches: '^container_(.*)_seconds_total$'\n    as: \"\"\n"
        + "  metricsQuery: "
        + containerRate
        + "\n"
        // 2: container counter -> rate
        + "- seriesQuery: "
        + containerSeriesQuery
        + "\n  seriesFilters:\n  - isNot: '^container_.*_seconds_total$'\n"
        + containerOverrides
        + "  name:\n    matches: '^container_(.*)_total$'\n    as: \"\"\n"
        + "  metricsQuery: "
        + containerRate
        + "\n"
        // 3: container gauge
        + "- seriesQuery: "
        + containerSeriesQuery
        + "\n  seriesFilters:\n  - isNot: '^container_.*_total$'\n"
        + containerOverrides
        + "  name:\n    matches: '^container_(.*)$'\n    as: \"\"\n"
        + "  metricsQuery: "
        + containerGauge
        + "\n"
        // 4: normal gauge
        + "- seriesQuery: "
        + normalSeriesQuery
        + "\n  seriesFilters:\n  - isNot: '.*_total$'\n"
        + normalResources
        + "  name:\n    matches: \"\"\n    as: \"\"\n"
        + "  metricsQuery: "
        + normalGauge
        + "\n"
        // 5: normal counter -> rate (the isNot has no `$` anchor, as upstream)
        + "- seriesQuery: "
        + normalSeriesQuery
        + "\n  seriesFilters:\n  - isNot: '.*_seconds_total'\n"
        + normalResources
        + "  name:\n    matches: '^(.*)_total$'\n    as: \"\"\n"
        + "  metricsQuery: "
        + normalRate
        + "\n"
        // 6: seconds counter -> rate
        + "- seriesQuery: "
        + normalSeriesQuery
        + "\n  seriesFilters: []\n"
        + normalResources
        + "  name:\n    matches: '^(.*)_seconds_total$'\n    as: \"\"\n"
        + "  metricsQuery: "
        + normalRate
        + "\n";
  }

  static List<CompiledRule> compileDefaultRules(String rate, String prefix) {
    CompiledRules compiled = Rules.compile(defaultConfigYaml(rate, prefix));
    assertEquals(6, compiled.rules().size(), "default config rules");
    return compiled.rules();
  }

  private static Series series(String name, String... labels) {
    Map<String, String> map =
        Stream.iterate(0, i -> i < labels.length, i -> i + 2)
            .collect(Collectors.toMap(i -> labels[i], i -> labels[i + 1]));
    return new Series(name, map);
  }

  /** A series of container {@code name} of somepod/somecont in somens, as upstream lists them. */
  private static Series containerSeries(String name) {
    return series(name, "pod", "somepod", "namespace", "somens", "container", "somecont");
  }

  /** An {@code ingress_hits_total} series of {@code pod}, its labels prefixed by {@code prefix}. */
  private static Series ingressHits(String prefix, String pod) {
    return series(
        "ingress_hits_total",
        prefix + "ingress",
        "someingress",
        prefix + "service",
        "somesvc",
        prefix + "pod",
        pod,
        prefix + "namespace",
        "somens");
  }

  // ---------------------------------------------------------------------------------------------
  // Section 7: DefaultConfig(1m, "kube_"), one series slice per rule, in rule order.
  // ---------------------------------------------------------------------------------------------

  private static final List<CompiledRule> KUBE_RULES = compileDefaultRules("1m", "kube_");

  private static final MetricCatalog REGISTRY = registryCatalog();

  private static MetricCatalog registryCatalog() {
    List<List<Series>> slices =
        List.of(
            List.of(containerSeries("container_some_time_seconds_total")),
            List.of(containerSeries("container_some_count_total")),
            List.of(containerSeries("container_some_usage")),
            List.of(
                series("node_gigawatts", "kube_node", "somenode"),
                series(
                    "service_proxy_packets",
                    "kube_service",
                    "somesvc",
                    "kube_namespace",
                    "somens")),
            List.of(
                ingressHits("kube_", "backend1"),
                ingressHits("kube_", "backend2"),
                series("volume_claims_total", "kube_persistentvolume", "somepv")),
            List.of(
                series(
                    "work_queue_wait_seconds_total",
                    "kube_deployment",
                    "somedep",
                    "kube_namespace",
                    "somens"),
                series("node_fan_seconds_total", "kube_node", "somenode")));
    List<RuleSeries> discovered =
        Stream.iterate(0, i -> i < slices.size(), i -> i + 1)
            .map(i -> new RuleSeries(KUBE_RULES.get(i), slices.get(i)))
            .toList();
    return new CatalogBuilder(MAPPER).build(discovered);
  }

  // ---------------------------------------------------------------------------------------------
  // Section 8: DefaultConfig(1m, ""); each seriesQuery's answer goes to the three rules sharing it,
  // whose filters decide which series each keeps.
  // ---------------------------------------------------------------------------------------------

  private static final List<CompiledRule> PLAIN_RULES = compileDefaultRules("1m", "");

  private static final List<Series> CONTAINER_SERIES =
      List.of(containerSeries("container_some_usage"));

  private static final List<Series> NORMAL_SERIES =
      List.of(
          ingressHits("", "backend1"),
          ingressHits("", "backend2"),
          series("service_proxy_packets", "service", "somesvc", "namespace", "somens"),
          series("work_queue_wait_seconds_total", "deployment", "somedep", "namespace", "somens"));

  private static MetricCatalog providerCatalog() {
    List<RuleSeries> discovered =
        Stream.iterate(0, i -> i < PLAIN_RULES.size(), i -> i + 1)
            .map(i -> new RuleSeries(PLAIN_RULES.get(i), i < 3 ? CONTAINER_SERIES : NORMAL_SERIES))
            .toList();
    return new CatalogBuilder(MAPPER).build(discovered);
  }

  // ---------------------------------------------------------------------------------------------
  // Listings (section 7 list_all_metrics, section 8 cases).
  // ---------------------------------------------------------------------------------------------

  /** What both listings hold: the entries of the normal series and of container_some_usage. */
  private static final Set<String> BOTH_LIST =
      Set.of(
          "pods/true/some_usage",
          "namespaces/false/some_usage",
          "services/true/ingress_hits",
          // Adapted (modern groups): upstream lists extensions/ingresses.
          "ingresses.networking.k8s.io/true/ingress_hits",
          "pods/true/ingress_hits",
          "namespaces/false/ingress_hits",
          "services/true/service_proxy_packets",
          "namespaces/false/service_proxy_packets",
          // Adapted (modern groups): upstream lists extensions/deployments.
          "deployments.apps/true/work_queue_wait",
          "namespaces/false/work_queue_wait");

  static Stream<Arguments> listingCases() {
    return Stream.of(
        Arguments.of(
            "list_all_metrics",
            (Supplier<MetricCatalog>) () -> REGISTRY,
            union(
                BOTH_LIST,
                Set.of(
                    "pods/true/some_count",
                    "namespaces/false/some_count",
                    "pods/true/some_time",
                    "namespaces/false/some_time",
                    "nodes/false/node_gigawatts",
                    "persistentvolumes/false/volume_claims",
                    "nodes/false/node_fan"))),
        Arguments.of(
            "empty_before_first_update",
            (Supplier<MetricCatalog>) () -> MetricCatalog.EMPTY,
            Set.of()),
        Arguments.of(
            "list_after_update",
            (Supplier<MetricCatalog>) DefaultConfigRegistryUpstreamTest::providerCatalog,
            BOTH_LIST));
  }

  private static Set<String> union(Set<String> some, Set<String> others) {
    return Stream.concat(some.stream(), others.stream()).collect(Collectors.toSet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listingCases")
  void listing(String name, Supplier<MetricCatalog> catalog, Set<String> expected) {
    Set<String> actual =
        catalog.get().entries().stream()
            .map(CatalogEntry::key)
            .map(k -> k.resource() + "/" + k.namespaced() + "/" + k.metric())
            .collect(Collectors.toSet());
    assertEquals(expected, actual);
  }

  // ---------------------------------------------------------------------------------------------
  // Section 7 queries: the requested resource is normalized through the mapper first, as upstream.
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> queryCases() {
    return Stream.of(
        Arguments.of(
            "container_gauge_multiple_names",
            "",
            "pods",
            true,
            "some_usage",
            "somens",
            List.of("somepod1", "somepod2"),
            "",
            "sum(container_some_usage{namespace=\"somens\",pod=~\"somepod1|somepod2\","
                + "container!=\"POD\"}) by (pod)"),
        Arguments.of(
            "container_counter",
            "",
            "pods",
            true,
            "some_count",
            "somens",
            List.of("somepod1", "somepod2"),
            "",
            "sum(rate(container_some_count_total{namespace=\"somens\",pod=~\"somepod1|somepod2\","
                + "container!=\"POD\"}[1m])) by (pod)"),
        Arguments.of(
            "container_seconds_counter",
            "",
            "pods",
            true,
            "some_time",
            "somens",
            List.of("somepod1", "somepod2"),
            "",
            "sum(rate(container_some_time_seconds_total{namespace=\"somens\","
                + "pod=~\"somepod1|somepod2\",container!=\"POD\"}[1m])) by (pod)"),
        Arguments.of(
            "namespaced_counter_service",
            "",
            "service",
            true,
            "ingress_hits",
            "somens",
            List.of("somesvc"),
            "",
            "sum(rate(ingress_hits_total{kube_namespace=\"somens\",kube_service=\"somesvc\"}[1m]))"
                + " by (kube_service)"),
        Arguments.of(
            "namespaced_counter_service_with_label_selector",
            "",
            "service",
            true,
            "ingress_hits",
            "somens",
            List.of("somesvc"),
            "param1=value1",
            "sum(rate(ingress_hits_total{param1=\"value1\",kube_namespace=\"somens\","
                + "kube_service=\"somesvc\"}[1m])) by (kube_service)"),
        // Adapted (modern groups): upstream requests extensions/ingress.
        Arguments.of(
            "namespaced_counter_ingress",
            "networking.k8s.io",
            "ingress",
            true,
            "ingress_hits",
            "somens",
            List.of("someingress"),
            "",
            "sum(rate(ingress_hits_total{kube_namespace=\"somens\",kube_ingress=\"someingress\"}"
                + "[1m])) by (kube_ingress)"),
        Arguments.of(
            "namespaced_counter_pod",
            "",
            "pod",
            true,
            "ingress_hits",
            "somens",
            List.of("somepod"),
            "",
            "sum(rate(ingress_hits_total{kube_namespace=\"somens\",kube_pod=\"somepod\"}[1m]))"
                + " by (kube_pod)"),
        Arguments.of(
            "namespaced_gauge",
            "",
            "service",
            true,
            "service_proxy_packets",
            "somens",
            List.of("somesvc"),
            "",
            "sum(service_proxy_packets{kube_namespace=\"somens\",kube_service=\"somesvc\"})"
                + " by (kube_service)"),
        // Adapted (modern groups): upstream requests extensions/deployment.
        Arguments.of(
            "namespaced_seconds_counter",
            "apps",
            "deployment",
            true,
            "work_queue_wait",
            "somens",
            List.of("somedep"),
            "",
            "sum(rate(work_queue_wait_seconds_total{kube_namespace=\"somens\","
                + "kube_deployment=\"somedep\"}[1m])) by (kube_deployment)"),
        Arguments.of(
            "root_gauge",
            "",
            "node",
            false,
            "node_gigawatts",
            null,
            List.of("somenode"),
            "",
            "sum(node_gigawatts{kube_node=\"somenode\"}) by (kube_node)"),
        Arguments.of(
            "root_counter",
            "",
            "persistentvolume",
            false,
            "volume_claims",
            null,
            List.of("somepv"),
            "",
            "sum(rate(volume_claims_total{kube_persistentvolume=\"somepv\"}[1m]))"
                + " by (kube_persistentvolume)"),
        Arguments.of(
            "root_seconds_counter",
            "",
            "node",
            false,
            "node_fan",
            null,
            List.of("somenode"),
            "",
            "sum(rate(node_fan_seconds_total{kube_node=\"somenode\"}[1m])) by (kube_node)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queryCases")
  void query(
      String name,
      String group,
      String resource,
      boolean namespaced,
      String metric,
      String namespace,
      List<String> names,
      String selector,
      String expected) {
    CatalogEntry entry = entryFor(group, resource, namespaced, metric);
    GroupResource groupResource = entry.key().resource();
    assertEquals(
        expected,
        entry
            .rule()
            .customQuery(
                entry.seriesName(),
                groupResource,
                namespace,
                names,
                LabelSelector.parse(selector),
                MAPPER));
  }

  private static CatalogEntry entryFor(
      String group, String resource, boolean namespaced, String metric) {
    GroupResource groupResource =
        MAPPER
            .resolve(group, resource)
            .orElseThrow(() -> new AssertionError("unknown resource " + group + "/" + resource))
            .groupResource();
    MetricKey key = new MetricKey(groupResource, namespaced, metric);
    return REGISTRY.find(key).orElseThrow(() -> new AssertionError("not registered: " + key));
  }

  // Upstream's registry answers found=false for these; our catalog finds nothing for an
  // unregistered metric, and (adapted, zero names) a query with no object names is rejected.
  static Stream<Arguments> notFoundCases() {
    return Stream.of(
        Arguments.of("unregistered_metric", "", "pods", true, "no_such_metric"),
        // Cluster-scoped resources are listed as not namespaced only.
        Arguments.of("root_gauge_not_namespaced", "", "node", true, "node_gigawatts"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notFoundCases")
  void notFound(String name, String group, String resource, boolean namespaced, String metric) {
    GroupResource groupResource = MAPPER.resolve(group, resource).orElseThrow().groupResource();
    assertEquals(Optional.empty(), REGISTRY.find(new MetricKey(groupResource, namespaced, metric)));
  }

  // Adapted (zero names): upstream's QueryForMetric answers found=false for zero names; we reject
  // the empty name list.
  static Stream<Arguments> zeroNameCases() {
    return Stream.of(Arguments.of("query_zero_names", "", "pods", true, "some_usage", "somens"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("zeroNameCases")
  void zeroNamesAreRejected(
      String name,
      String group,
      String resource,
      boolean namespaced,
      String metric,
      String namespace) {
    CatalogEntry entry = entryFor(group, resource, namespaced, metric);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            entry
                .rule()
                .customQuery(
                    entry.seriesName(),
                    entry.key().resource(),
                    namespace,
                    List.of(),
                    LabelSelector.EVERYTHING,
                    MAPPER));
  }

  // ---------------------------------------------------------------------------------------------
  // Section 8 filter survivors: which of the series each default rule keeps, and its name.
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> survivorCases() {
    return Stream.of(
        Arguments.of("container_some_usage_rule_0_dropped", 0, "container_some_usage", null),
        Arguments.of("container_some_usage_rule_1_dropped", 1, "container_some_usage", null),
        Arguments.of("container_some_usage_rule_2_kept", 2, "container_some_usage", "some_usage"),
        Arguments.of("ingress_hits_total_rule_3_dropped", 3, "ingress_hits_total", null),
        Arguments.of("ingress_hits_total_rule_4_kept", 4, "ingress_hits_total", "ingress_hits"),
        Arguments.of("ingress_hits_total_rule_5_dropped", 5, "ingress_hits_total", null),
        Arguments.of(
            "service_proxy_packets_rule_3_kept",
            3,
            "service_proxy_packets",
            "service_proxy_packets"),
        Arguments.of("service_proxy_packets_rule_4_dropped", 4, "service_proxy_packets", null),
        Arguments.of("service_proxy_packets_rule_5_dropped", 5, "service_proxy_packets", null),
        Arguments.of(
            "work_queue_wait_seconds_total_rule_3_dropped",
            3,
            "work_queue_wait_seconds_total",
            null),
        Arguments.of(
            "work_queue_wait_seconds_total_rule_4_dropped",
            4,
            "work_queue_wait_seconds_total",
            null),
        Arguments.of(
            "work_queue_wait_seconds_total_rule_5_kept",
            5,
            "work_queue_wait_seconds_total",
            "work_queue_wait"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("survivorCases")
  void filterSurvivors(String name, int rule, String series, String expectedMetric) {
    CompiledRule compiled = PLAIN_RULES.get(rule);
    boolean kept = compiled.keeps(series);
    assertEquals(expectedMetric != null, kept, "kept");
    if (kept) {
      assertEquals(Optional.of(expectedMetric), compiled.metricName(series));
    }
  }
}
