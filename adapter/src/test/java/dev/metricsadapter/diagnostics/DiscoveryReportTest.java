package dev.metricsadapter.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.catalog.CatalogBuilder;
import dev.metricsadapter.catalog.ExternalCatalog;
import dev.metricsadapter.catalog.MetricCatalog;
import dev.metricsadapter.catalog.RuleSeries;
import dev.metricsadapter.catalog.Series;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRule;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.RuleCompiler;
import dev.metricsadapter.rules.RuleConfigParser;
import dev.metricsadapter.rules.RuleDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DiscoveryReportTest {

  private static final ResourceMapper MAPPER = new BuiltinResourceMapper();

  private static final String POD_RULE =
      """
      rules:
      - seriesQuery: '{__name__=~".*"}'
        seriesFilters: [{isNot: "^skip_"}, {is: "_total$"}]
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        name: {matches: "^(http|rpc)_(.*)_total$", as: "${2}"}
        metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>})
      """;

  private static final String NO_NAMESPACE_RULE =
      """
      rules:
      - seriesQuery: '{__name__=~".*"}'
        resources: {overrides: {pod: {resource: pod}, node: {resource: node}}}
        metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>})
      """;

  /** Parses and compiles {@code yaml}. */
  private record Loaded(CompiledRules compiled) {
    static Loaded of(String yaml) {
      return of(new RuleDocument("r.yaml", yaml));
    }

    static Loaded of(RuleDocument... documents) {
      return new Loaded(
          new RuleCompiler(MAPPER).compile(new RuleConfigParser().parse(List.of(documents))));
    }

    DiscoveryReport report(List<Series> custom, List<Series> external) {
      return DiscoveryReport.build(
          compiled.rules().stream().map(r -> new RuleSeries(r, custom)).toList(),
          compiled.externalRules().stream().map(r -> new RuleSeries(r, external)).toList(),
          MAPPER);
    }

    DiscoveryReport report(Series... series) {
      return report(List.of(series), List.of());
    }
  }

  private static Series series(String name, String... labels) {
    Map<String, String> map = new HashMap<>();
    for (String label : labels) {
      map.put(label, "x");
    }
    return new Series(name, map);
  }

  static Stream<Arguments> verdicts() {
    return Stream.of(
        Arguments.of(
            "first isNot filter",
            POD_RULE,
            series("skip_http_a_total", "namespace", "pod"),
            "removed by filter 'isNot: ^skip_'"),
        Arguments.of(
            "second (is) filter",
            POD_RULE,
            series("http_a_count", "namespace", "pod"),
            "removed by filter 'is: _total$'"),
        Arguments.of(
            "name.matches",
            POD_RULE,
            series("grpc_a_total", "namespace", "pod"),
            "name did not match '^(http|rpc)_(.*)_total$'"),
        Arguments.of(
            "empty expansion",
            POD_RULE,
            series("http__total", "namespace", "pod"),
            "name expanded to nothing"),
        Arguments.of(
            "no resource label",
            POD_RULE,
            series("http_a_total", "job", "instance"),
            "no label names a known resource (labels: instance, job)"),
        Arguments.of(
            "no labels at all",
            POD_RULE,
            series("http_a_total"),
            "no label names a known resource (labels: none)"),
        Arguments.of(
            "namespaced resource without namespace label",
            NO_NAMESPACE_RULE,
            series("up", "pod", "job"),
            "namespaced resource pods but no namespace label"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verdicts")
  void eachDropReasonIsNamed(String name, String yaml, Series series, String reason) {
    DiscoveryReport.RuleReport rule = Loaded.of(yaml).report(series).rules().get(0);
    assertEquals(1, rule.seriesMatched());
    assertEquals(0, rule.seriesKept());
    assertEquals(List.of(), rule.metrics());
    assertEquals(
        List.of(new DiscoveryReport.Drop(reason, 1, List.of(series.name()))), rule.dropped());
  }

  @Test
  void keptSeriesListTheirMetricsWithResourceAndScope() {
    DiscoveryReport report =
        Loaded.of(POD_RULE).report(series("http_requests_total", "namespace", "pod", "code"));
    DiscoveryReport.RuleReport rule = report.rules().get(0);
    assertEquals("r.yaml:2 rules[0]", rule.rule());
    assertEquals("{__name__=~\".*\"}", rule.seriesQuery());
    assertEquals(1, rule.seriesKept());
    assertEquals(
        List.of("namespaces/requests (cluster-scoped)", "pods/requests (namespaced)"),
        rule.metrics().stream().map(Object::toString).toList());
    assertEquals(List.of(), rule.dropped());
    assertEquals(2, report.servedMetrics());
  }

  @Test
  void aNamespacedResourceWithoutNamespaceLabelIsNotServedButOthersAre() {
    DiscoveryReport report = Loaded.of(NO_NAMESPACE_RULE).report(series("temp", "pod", "node"));
    DiscoveryReport.RuleReport rule = report.rules().get(0);
    assertEquals(
        List.of("nodes/temp (cluster-scoped)"),
        rule.metrics().stream().map(Object::toString).toList());
    assertEquals(
        List.of(
            new DiscoveryReport.Drop(
                "namespaced resource pods but no namespace label", 1, List.of("temp"))),
        rule.unserved());
    assertEquals(1, report.warnings().size(), report.warnings().toString());
  }

  @Test
  void repeatedReasonsAreCountedWithAtMostFiveDistinctExamples() {
    List<Series> many = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      many.add(series("skip_" + (i % 7), "namespace", "pod"));
      many.add(series("other_" + i, "job", "l" + (i % 3)));
    }
    many.add(series("http_a_count", "namespace"));
    DiscoveryReport.RuleReport rule = Loaded.of(POD_RULE).report(many, List.of()).rules().get(0);
    assertEquals(2001, rule.seriesMatched());
    assertEquals(
        List.of(
            new DiscoveryReport.Drop(
                "removed by filter 'is: _total$'",
                1001,
                List.of("other_0", "other_1", "other_2", "other_3", "other_4")),
            new DiscoveryReport.Drop(
                "removed by filter 'isNot: ^skip_'",
                1000,
                List.of("skip_0", "skip_1", "skip_2", "skip_3", "skip_4"))),
        rule.dropped());
  }

  /**
   * Discovery keeps shapes, each with how many series share it: a report of those counts every
   * series, and says exactly what a report of the series themselves says.
   */
  @Test
  void aShapeCountsEverySeriesOfItsShape() {
    List<Map<String, String>> listed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      listed.add(Map.of("__name__", "http_requests_total", "namespace", "n", "pod", "p" + i));
    }
    for (int i = 0; i < 3; i++) {
      listed.add(
          Map.of("__name__", "http_requests_total", "namespace", "n", "pod", "p" + i, "code", "2"));
    }
    for (int i = 0; i < 4; i++) {
      listed.add(Map.of("__name__", "skip_http_a_total", "namespace", "n", "pod", "p" + i));
    }
    listed.add(Map.of("__name__", "http_a_count", "job", "j"));
    listed.add(Map.of("__name__", "http_b_total", "job", "j", "instance", "i"));
    listed.add(Map.of("__name__", "http_b_total", "job", "k", "instance", "i"));
    Map<Series, Long> shapes = new LinkedHashMap<>();
    listed.forEach(labels -> shapes.merge(Series.shapeOf(labels), 1L, Long::sum));
    assertEquals(5, shapes.size());
    CompiledRule rule = Loaded.of(POD_RULE).compiled().rules().get(0);

    DiscoveryReport.RuleReport byShape =
        DiscoveryReport.build(
                List.of(
                    new RuleSeries(
                        rule, List.copyOf(shapes.keySet()), List.copyOf(shapes.values()))),
                List.of(),
                MAPPER)
            .rules()
            .get(0);
    DiscoveryReport.RuleReport bySeries =
        DiscoveryReport.build(
                List.of(new RuleSeries(rule, listed.stream().map(Series::of).toList())),
                List.of(),
                MAPPER)
            .rules()
            .get(0);

    assertEquals(15, byShape.seriesMatched());
    assertEquals(8, byShape.seriesKept());
    assertEquals(
        List.of(
            new DiscoveryReport.Drop(
                "removed by filter 'isNot: ^skip_'", 4, List.of("skip_http_a_total")),
            new DiscoveryReport.Drop(
                "no label names a known resource (labels: instance, job)",
                2,
                List.of("http_b_total")),
            new DiscoveryReport.Drop(
                "removed by filter 'is: _total$'", 1, List.of("http_a_count"))),
        byShape.dropped());
    assertEquals(bySeries, byShape);
  }

  @Test
  void labelSetsOfOneReasonAreMergedAndCapped() {
    String yaml =
        """
        rules:
        - seriesQuery: a
          resources: {overrides: {namespace: {resource: namespace}}}
          metricsQuery: sum(<<.Series>>)
        """;
    List<Series> series = new ArrayList<>();
    IntStream.range(0, 30).forEach(i -> series.add(series("m", String.format("l%02d", i))));
    DiscoveryReport.Drop drop =
        Loaded.of(yaml).report(series, List.of()).rules().get(0).dropped().get(0);
    assertEquals(30, drop.count());
    assertEquals(List.of("m"), drop.examples());
    String twenty =
        IntStream.range(0, 20)
            .mapToObj(i -> String.format("l%02d", i))
            .collect(Collectors.joining(", "));
    assertEquals(
        "no label names a known resource (labels: " + twenty + ", ... (10 more))", drop.reason());
  }

  @Test
  void metricsDefinedTwiceNameEverySourceAndTheFirstIsServed() {
    String yaml =
        """
        rules:
        - seriesQuery: a
          resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
          name: {matches: "^a_total$", as: requests}
          metricsQuery: first(<<.Series>>)
        - seriesQuery: b
          resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
          name: {matches: "_total$", as: requests}
          metricsQuery: second(<<.Series>>)
        """;
    Loaded loaded = Loaded.of(yaml);
    List<Series> series =
        List.of(
            series("a_total", "namespace", "pod"),
            series("a_total", "namespace", "pod", "code"),
            series("b_total", "pod", "namespace"));
    DiscoveryReport report = loaded.report(series, List.of());
    assertEquals(
        List.of(
            new DiscoveryReport.Duplicate(
                "namespaces/requests",
                false,
                false,
                new DiscoveryReport.Source("r.yaml:2 rules[0]", "a_total"),
                List.of(
                    new DiscoveryReport.Source("r.yaml:6 rules[1]", "a_total"),
                    new DiscoveryReport.Source("r.yaml:6 rules[1]", "b_total")),
                2),
            new DiscoveryReport.Duplicate(
                "pods/requests",
                false,
                true,
                new DiscoveryReport.Source("r.yaml:2 rules[0]", "a_total"),
                List.of(
                    new DiscoveryReport.Source("r.yaml:6 rules[1]", "a_total"),
                    new DiscoveryReport.Source("r.yaml:6 rules[1]", "b_total")),
                2)),
        report.duplicates());
    assertEquals(
        List.of(true, true),
        report.rules().get(0).metrics().stream().map(DiscoveryReport.Metric::served).toList());
    assertEquals(
        List.of(false, false),
        report.rules().get(1).metrics().stream().map(DiscoveryReport.Metric::served).toList());
    // The catalog's own warnings come along, as the adapter would log them.
    assertEquals(4, report.warnings().size(), report.warnings().toString());
  }

  @Test
  void duplicateSourcesAreCappedAtFiveExamples() {
    String yaml =
        """
        rules:
        - seriesQuery: a
          resources: {overrides: {namespace: {resource: namespace}}}
          name: {matches: "^m", as: same}
          metricsQuery: sum(<<.Series>>)
        """;
    List<Series> series =
        IntStream.range(0, 12).mapToObj(i -> series("m" + i, "namespace")).toList();
    DiscoveryReport.Duplicate duplicate =
        Loaded.of(yaml).report(series, List.of()).duplicates().get(0);
    assertEquals(new DiscoveryReport.Source("r.yaml:2 rules[0]", "m0"), duplicate.servedBy());
    assertEquals(5, duplicate.alsoProducedBy().size());
    assertEquals("m1", duplicate.alsoProducedBy().get(0).series());
    assertEquals(11, duplicate.alsoProducedByCount());
  }

  @Test
  void externalRulesProduceMetricsWithoutResourcesAndReportDuplicates() {
    String yaml =
        """
        externalRules:
        - seriesQuery: '{__name__=~"^queue_.*"}'
          seriesFilters: [{isNot: "_bytes$"}]
          resources: {namespaced: false}
          name: {matches: "^queue_(.*)_total$", as: "${1}_rate"}
          metricsQuery: sum(<<.Series>>)
        - seriesQuery: '{__name__=~"^queue_.*"}'
          name: {matches: "^queue_(.*)_total$", as: "${1}_rate"}
          metricsQuery: sum(<<.Series>>)
        """;
    DiscoveryReport report =
        Loaded.of(yaml)
            .report(
                List.of(),
                List.of(
                    series("queue_jobs_total", "queue"),
                    series("queue_size_bytes", "queue"),
                    series("queue_depth", "queue")));
    DiscoveryReport.RuleReport first = report.rules().get(0);
    assertEquals("r.yaml:2 externalRules[0]", first.rule());
    assertEquals(
        List.of(new DiscoveryReport.Metric("jobs_rate", Optional.empty(), false, true)),
        first.metrics());
    assertEquals("jobs_rate (external)", first.metrics().get(0).toString());
    assertEquals(
        List.of(
            new DiscoveryReport.Drop(
                "removed by filter 'isNot: _bytes$'", 1, List.of("queue_size_bytes")),
            new DiscoveryReport.Drop(
                "name did not match '^queue_(.*)_total$'", 1, List.of("queue_depth"))),
        first.dropped());
    DiscoveryReport.RuleReport second = report.rules().get(1);
    assertEquals(
        List.of(new DiscoveryReport.Metric("jobs_rate", Optional.empty(), true, false)),
        second.metrics());
    assertEquals(
        List.of(
            new DiscoveryReport.Duplicate(
                "jobs_rate",
                true,
                false,
                new DiscoveryReport.Source("r.yaml:2 externalRules[0]", "queue_jobs_total"),
                List.of(
                    new DiscoveryReport.Source("r.yaml:7 externalRules[1]", "queue_jobs_total")),
                1)),
        report.duplicates());
    assertEquals(1, report.servedExternalMetrics());
  }

  /** The report and the catalogs must agree on what is served; here on the shipped rules. */
  @Test
  void agreesWithTheCatalogsOnTheShippedRules() throws IOException {
    Loaded loaded =
        Loaded.of(
            new RuleDocument("default.yaml", Files.readString(Path.of("../rules/default.yaml"))),
            new RuleDocument("demo.yaml", Files.readString(Path.of("../rules/demo.yaml"))));
    List<Series> series =
        List.of(
            series("container_cpu_usage_seconds_total", "namespace", "pod", "container"),
            series("container_network_receive_bytes_total", "namespace", "pod", "interface"),
            series("container_memory_working_set_bytes", "namespace", "pod", "container"),
            series("http_requests_total", "namespace", "pod", "service", "code"),
            series("process_cpu_seconds_total", "namespace", "pod", "job"),
            series("node_temperature_celsius", "namespace", "node"),
            series("up", "job"));
    DiscoveryReport report = loaded.report(series, series);
    MetricCatalog catalog =
        new CatalogBuilder(MAPPER)
            .build(loaded.compiled().rules().stream().map(r -> new RuleSeries(r, series)).toList());
    ExternalCatalog external =
        ExternalCatalog.build(
            loaded.compiled().externalRules().stream()
                .map(r -> new RuleSeries(r, series))
                .toList());
    Set<String> served = new TreeSet<>();
    report.rules().stream()
        .flatMap(rule -> rule.metrics().stream())
        .filter(DiscoveryReport.Metric::served)
        .forEach(m -> served.add(m.toString()));
    Set<String> expected = new TreeSet<>();
    catalog
        .entries()
        .forEach(
            e ->
                expected.add(
                    e.key() + (e.key().namespaced() ? " (namespaced)" : " (cluster-scoped)")));
    external.entries().forEach(e -> expected.add(e.metric() + " (external)"));
    assertEquals(expected, served);
    assertEquals(catalog.entries().size(), report.servedMetrics());
    List<String> warnings = new ArrayList<>(catalog.warnings());
    warnings.addAll(external.warnings());
    assertEquals(warnings, report.warnings());
    // Every series is accounted for: kept, or dropped for a reason.
    for (DiscoveryReport.RuleReport rule : report.rules()) {
      long dropped = rule.dropped().stream().mapToLong(DiscoveryReport.Drop::count).sum();
      assertEquals(rule.seriesMatched(), rule.seriesKept() + dropped, rule.rule());
    }
  }

  /**
   * The report folds over the same verdicts as the catalogs, in the same pass: on a corpus with a
   * drop of every kind, conflicts, and unserved namespaced resources, the report's catalogs are the
   * ones the builders make alone, and every metric the report calls served is in them.
   */
  @Test
  void theCatalogsAndTheReportAgreeOnAMixedCorpus() {
    String yaml =
        """
        rules:
        - seriesQuery: a
          seriesFilters: [{isNot: "^skip_"}]
          resources:
            overrides:
              {namespace: {resource: namespace}, pod: {resource: pod}, node: {resource: node}}
          name: {matches: "^(.*)_total$", as: "${1}"}
          metricsQuery: first(<<.Series>>)
        - seriesQuery: a
          resources:
            overrides: {pod: {resource: pod}, worker: {resource: pod}, node: {resource: node}}
          name: {matches: "^(.*)_total$", as: "${1}"}
          metricsQuery: second(<<.Series>>)
        - seriesQuery: a
          resources: {template: "kube_<<.Resource>>"}
          name: {matches: "^http_(.*)$", as: "${1}"}
          metricsQuery: third(<<.Series>>)
        externalRules:
        - seriesQuery: a
          name: {matches: "^(.*)_total$", as: "${1}_rate"}
          metricsQuery: sum(<<.Series>>)
        - seriesQuery: a
          resources: {namespaced: false}
          name: {matches: "^(.*)_total$", as: "${1}_rate"}
          metricsQuery: sum(<<.Series>>)
        """;
    Loaded loaded = Loaded.of(yaml);
    List<Series> series =
        List.of(
            series("http_requests_total", "namespace", "pod", "worker", "node"),
            series("skip_total", "namespace", "pod"),
            series("up", "job"),
            series("errors_total", "pod", "worker"),
            series("_total", "namespace"),
            series("http_latency", "kube_namespace", "kube_pod", "kube_node"),
            series("disk_total", "node", "job"),
            series("requests_total", "namespace"),
            series("jobs_total", "job"));
    DiscoveryReport report = loaded.report(series, series);
    List<RuleSeries> custom =
        loaded.compiled().rules().stream().map(r -> new RuleSeries(r, series)).toList();
    List<RuleSeries> external =
        loaded.compiled().externalRules().stream().map(r -> new RuleSeries(r, series)).toList();
    MetricCatalog catalog = new CatalogBuilder(MAPPER).build(custom);
    ExternalCatalog externalCatalog = ExternalCatalog.build(external);

    assertEquals(List.copyOf(catalog.entries()), List.copyOf(report.catalog().entries()));
    assertEquals(catalog.warnings(), report.catalog().warnings());
    assertEquals(
        List.copyOf(externalCatalog.entries()), List.copyOf(report.externalCatalog().entries()));
    assertEquals(externalCatalog.warnings(), report.externalCatalog().warnings());
    List<String> warnings = new ArrayList<>(catalog.warnings());
    warnings.addAll(externalCatalog.warnings());
    assertEquals(warnings, report.warnings());
    assertEquals(
        List.of(
            // In label order within a series: node, then pod, then worker.
            "metric nodes/http_requests is produced by rule r.yaml:2 rules[0] (series"
                + " http_requests_total) and by rule r.yaml:9 rules[1] (series"
                + " http_requests_total); serving the first",
            unserved("pod", "http_requests"),
            unserved("worker", "http_requests"),
            unserved("pod", "skip"),
            unserved("pod", "errors"),
            unserved("worker", "errors"),
            "metric nodes/disk is produced by rule r.yaml:2 rules[0] (series disk_total) and by"
                + " rule r.yaml:9 rules[1] (series disk_total); serving the first",
            externalConflict("http_requests"),
            externalConflict("skip"),
            externalConflict("errors"),
            externalConflict(""),
            externalConflict("disk"),
            externalConflict("requests"),
            externalConflict("jobs")),
        report.warnings());

    // A metric the report calls served is the catalog's entry from that very rule.
    List<String> servedByReport = new ArrayList<>();
    for (DiscoveryReport.RuleReport rule : report.rules()) {
      rule.metrics().stream()
          .filter(DiscoveryReport.Metric::served)
          .forEach(metric -> servedByReport.add(metric + " by " + rule.rule()));
      long dropped = rule.dropped().stream().mapToLong(DiscoveryReport.Drop::count).sum();
      assertEquals(rule.seriesMatched(), rule.seriesKept() + dropped, rule.rule());
    }
    List<String> servedByCatalogs = new ArrayList<>();
    catalog
        .entries()
        .forEach(
            e ->
                servedByCatalogs.add(
                    e.key()
                        + (e.key().namespaced() ? " (namespaced)" : " (cluster-scoped)")
                        + " by "
                        + e.rule()));
    externalCatalog
        .entries()
        .forEach(e -> servedByCatalogs.add(e.metric() + " (external) by " + e.rule()));
    assertEquals(new TreeSet<>(servedByCatalogs), new TreeSet<>(servedByReport));
    assertEquals(servedByCatalogs.size(), servedByReport.size());

    // Each duplicate is served by the catalog's entry.
    for (DiscoveryReport.Duplicate duplicate : report.duplicates()) {
      String served =
          duplicate.external()
              ? externalCatalog.find(duplicate.metric()).orElseThrow().rule().toString()
              : catalog.entries().stream()
                  .filter(e -> e.key().toString().equals(duplicate.metric()))
                  .filter(e -> e.key().namespaced() == duplicate.namespaced())
                  .findFirst()
                  .orElseThrow()
                  .rule()
                  .toString();
      assertEquals(served, duplicate.servedBy().rule(), duplicate.metric());
    }
    assertEquals(
        List.of(
            "nodes/disk",
            "nodes/http_requests",
            "_rate",
            "disk_rate",
            "errors_rate",
            "http_requests_rate",
            "jobs_rate",
            "requests_rate",
            "skip_rate"),
        report.duplicates().stream().map(DiscoveryReport.Duplicate::metric).toList());

    DiscoveryReport.RuleReport noNamespaceLabel = report.rules().get(1);
    assertEquals(
        List.of(
            new DiscoveryReport.Drop(
                "namespaced resource pods but no namespace label",
                1,
                List.of("http_requests_total"))),
        noNamespaceLabel.unserved());
    assertEquals(
        List.of(
            new DiscoveryReport.Drop(
                "namespaced resource pods but no namespace label",
                2,
                List.of("skip_total", "errors_total")),
            new DiscoveryReport.Drop(
                "name did not match '^(.*)_total$'", 2, List.of("up", "http_latency")),
            new DiscoveryReport.Drop(
                "no label names a known resource (labels: job, namespace)",
                2,
                List.of("requests_total", "jobs_total")),
            new DiscoveryReport.Drop("name expanded to nothing", 1, List.of("_total"))),
        noNamespaceLabel.dropped());
  }

  private static String unserved(String label, String metric) {
    return "rule r.yaml:9 rules[1]: label '"
        + label
        + "' names namespaced resource pods but the rule has no namespace label, so pods/"
        + metric
        + " is not served; add a resources.overrides entry for the namespace label";
  }

  private static String externalConflict(String prefix) {
    return "external metric "
        + prefix
        + "_rate is produced by rule r.yaml:19 externalRules[0] (series "
        + prefix
        + "_total) and by rule r.yaml:22 externalRules[1] (series "
        + prefix
        + "_total); serving the first";
  }
}
