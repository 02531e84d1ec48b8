package dev.metricsadapter.rules.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.catalog.CatalogBuilder;
import dev.metricsadapter.catalog.CatalogEntry;
import dev.metricsadapter.catalog.MetricCatalog;
import dev.metricsadapter.catalog.MetricKey;
import dev.metricsadapter.catalog.RuleSeries;
import dev.metricsadapter.catalog.Series;
import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.rules.CompiledRule;
import dev.metricsadapter.rules.CompiledRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file shipped in the repository's rules/ directory loads and compiles cleanly. */
class ShippedRulesTest {

  private static final Path RULES = Path.of("..", "rules");
  private static final BuiltinResourceMapper MAPPER = new BuiltinResourceMapper();

  static Stream<Path> ruleFiles() throws IOException {
    try (Stream<Path> files = Files.list(RULES)) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertFalse(list.isEmpty(), "no rule files in " + RULES.toAbsolutePath());
      return list.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleFiles")
  void compilesWithoutErrorsOrWarnings(Path file) {
    CompiledRules rules = RuleFiles.load(file, MAPPER);
    assertTrue(rules.warnings().isEmpty(), rules.warnings().toString());
    assertFalse(
        rules.rules().isEmpty()
            && rules.externalRules().isEmpty()
            && rules.resourceRules().isEmpty(),
        file + " defines no rules");
  }

  @Test
  void theWholeDirectoryLoadsAsOneConfiguration() {
    CompiledRules rules = RuleFiles.load(RULES, MAPPER);
    assertTrue(rules.warnings().isEmpty(), rules.warnings().toString());
  }

  @Test
  void demoRulesServeRequestsPerSecondForPodsServicesAndTheNamespace() {
    CompiledRules rules = RuleFiles.load(RULES.resolve("demo.yaml"), MAPPER);
    CompiledRule rule = rules.rules().get(0);
    Series series =
        new Series(
            "http_requests_total",
            Map.of(
                "namespace",
                "demo",
                "pod",
                "web-1",
                "service",
                "demo-app",
                "code",
                "200",
                "method",
                "GET",
                "path",
                "/",
                "instance",
                "10.0.0.1:8080",
                "job",
                "demo"));
    MetricCatalog catalog =
        new CatalogBuilder(MAPPER).build(List.of(new RuleSeries(rule, List.of(series))));
    assertEquals(
        List.of(
            "namespaces/http_requests_per_second",
            "pods/http_requests_per_second",
            "services/http_requests_per_second"),
        catalog.entries().stream().map(e -> e.key().toString()).toList());
    CatalogEntry pods =
        catalog
            .find(new MetricKey(GroupResource.core("pods"), true, "http_requests_per_second"))
            .orElseThrow();
    assertEquals(
        "sum(rate(http_requests_total{namespace=\"demo\",pod=~\"web-1|web-2\"}[2m])) by (pod)",
        pods.rule()
            .customQuery(
                pods.seriesName(),
                GroupResource.core("pods"),
                "demo",
                List.of("web-1", "web-2"),
                LabelSelector.EVERYTHING,
                MAPPER));
    assertEquals(
        "sum(rate(http_requests_total{method=\"POST\",namespace=\"demo\",code=~\"5..\"}[2m]))",
        rules
            .externalRules()
            .get(0)
            .externalQuery(
                "http_requests_total", "demo", LabelSelector.parse("method=POST"), MAPPER));
  }
}
