package dev.metricsadapter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metricsadapter.testing.AdapterUnderTest;
import dev.metricsadapter.testing.BadRules;
import dev.metricsadapter.testing.DemoData;
import dev.metricsadapter.testing.JarRun;
import dev.metricsadapter.testing.RealPrometheus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/metrics-adapter.jar check --prometheus-url=... --output=json} with the
 * repository's rules against a real Prometheus backfilled with {@link DemoData}.
 */
class CheckDryRunIT {

  private static final Path RULES = AdapterUnderTest.RULES;

  @TempDir static Path dir;
  private static RealPrometheus prometheus;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(RealPrometheus.installed(), "Prometheus is not installed");
    prometheus = RealPrometheus.start(dir, DemoData.openMetrics(Instant.now()));
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  private static JarRun check(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("check"));
    command.addAll(List.of(args));
    return JarRun.run(dir, Duration.ofSeconds(60), command);
  }

  private static JsonObject rule(JsonArray rules, String suffix) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.getJsonObject(i).getString("rule").endsWith(suffix)) {
        return rules.getJsonObject(i);
      }
    }
    throw new AssertionError("no rule " + suffix + " in " + rules.encodePrettily());
  }

  private static List<String> metrics(JsonObject rule) {
    List<String> names = new ArrayList<>();
    rule.getJsonArray("metrics")
        .forEach(
            m -> {
              JsonObject metric = (JsonObject) m;
              names.add(
                  metric.getString("resource")
                      + "/"
                      + metric.getString("name")
                      + (metric.getBoolean("namespaced") ? " (namespaced)" : ""));
            });
    return names;
  }

  private static JsonObject drop(JsonObject rule, String reason) {
    JsonArray dropped = rule.getJsonArray("dropped");
    for (int i = 0; i < dropped.size(); i++) {
      if (dropped.getJsonObject(i).getString("reason").equals(reason)) {
        return dropped.getJsonObject(i);
      }
    }
    throw new AssertionError("no drop '" + reason + "' in " + rule.encodePrettily());
  }

  @Test
  void reportsWhatDiscoveryMakesOfTheRepositoryRules() throws Exception {
    JarRun run =
        check("--config=" + RULES, "--prometheus-url=" + prometheus.url(), "--output=json");
    assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
    JsonObject json = new JsonObject(run.stdout());
    assertEquals(true, json.getBoolean("valid"));
    JsonObject dryRun = json.getJsonObject("dryRun");
    assertEquals(prometheus.url().toString(), dryRun.getString("prometheusUrl"));
    JsonArray rules = dryRun.getJsonArray("rules");

    JsonObject demo = rule(rules, "demo.yaml:11 rules[0]");
    assertEquals(4, demo.getInteger("seriesMatched"), demo.encodePrettily());
    assertTrue(
        metrics(demo).contains("pods/http_requests_per_second (namespaced)"),
        demo.encodePrettily());
    assertEquals(new JsonArray(), demo.getJsonArray("dropped"));

    // Helm default rules[1]: container_*_total without the *_seconds_total ones.
    JsonObject containerTotals = rule(rules, "default.yaml:25 rules[1]");
    JsonObject seconds =
        drop(containerTotals, "removed by filter 'isNot: ^container_.*_seconds_total$'");
    assertEquals(
        new JsonArray().add("container_cpu_usage_seconds_total"), seconds.getJsonArray("examples"));
    // Helm default rules[3]: gauges, every *_total series removed by its filter.
    JsonObject gauges = rule(rules, "default.yaml:47 rules[3]");
    JsonObject totals = drop(gauges, "removed by filter 'isNot: .*_total$'");
    assertEquals(4, totals.getInteger("count"), gauges.encodePrettily());
    assertEquals(new JsonArray().add("http_requests_total"), totals.getJsonArray("examples"));
    assertTrue(metrics(gauges).contains("nodes/node_temperature_celsius"), gauges.encodePrettily());

    JsonObject external = rule(rules, "demo.yaml:29 externalRules[0]");
    assertEquals(
        "http_errors_per_second",
        external.getJsonArray("metrics").getJsonObject(0).getString("name"));
  }

  @Test
  void queriesPrometheusRefusesAreTheirRulesErrorsWhileTheOtherRulesDryRun() throws Exception {
    Path rules = BadRules.write(dir, "bad-rules");
    JarRun run = check("--config=" + rules, "--prometheus-url=" + prometheus.url());
    assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
    String bad = rules.resolve("bad.yaml") + ":";
    assertTrue(
        run.stderr().contains(bad + "2: rules[0].seriesQuery: not a valid series selector: "),
        run.stderr());
    assertTrue(
        run.stderr()
            .contains(
                bad
                    + "2: rules[0].seriesQuery: Prometheus refused it: Prometheus /api/v1/series"
                    + " failed: bad_data: "),
        run.stderr());
    assertTrue(
        run.stderr()
            .contains(
                bad
                    + "9: rules[1].metricsQuery: Prometheus refused the query for"
                    + " pods/http_requests_unbalanced_parens demo/"),
        run.stderr());
    assertTrue(
        run.stderr().contains(bad + "13: rules[2].metricsQuery: Prometheus refused the query for"),
        run.stderr());
    assertTrue(
        run.stderr().contains(rules + ": dry run: Prometheus refused 3 queries"), run.stderr());
    assertTrue(
        run.stdout().contains("  metric pods/http_requests_per_second (namespaced)"), run.stdout());
  }

  @Test
  void anUnreachablePrometheusExitsThree() throws Exception {
    String closed = "http://127.0.0.1:" + RealPrometheus.freePort();
    JarRun run = check("--config=" + RULES, "--prometheus-url=" + closed);
    assertEquals(3, run.exitCode(), run.stdout() + run.stderr());
    assertTrue(run.stdout().startsWith(RULES + ": valid"), run.stdout());
    assertTrue(
        run.stderr().contains(": dry run failed: cannot query Prometheus at " + closed),
        run.stderr());
  }
}
