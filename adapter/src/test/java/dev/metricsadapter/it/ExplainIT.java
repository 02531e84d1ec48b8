package dev.metricsadapter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.testing.AdapterProcess;
import dev.metricsadapter.testing.AdapterUnderTest;
import dev.metricsadapter.testing.JarRun;
import dev.metricsadapter.testing.RealPrometheus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explain, as {@code /debug/explain} on the running adapter and as the {@code explain} subcommand,
 * against a real Prometheus with backfilled demo data and the repository's rules: a served metric
 * (parsed path, rule and series, objects, PromQL, raw result, response), selectors, a missing
 * metric with the closest names and what each rule made of its series, an external metric, and
 * explain's own errors.
 */
class ExplainIT {

  private static final String PODS =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second";

  @RegisterExtension
  static final AdapterUnderTest stack = AdapterUnderTest.withRules(AdapterUnderTest.RULES);

  @TempDir static Path dir;
  private static AdapterProcess adapter;

  @BeforeAll
  static void adapter() {
    adapter = stack.adapter();
  }

  private static JsonObject explain(String path, String... params) throws Exception {
    StringBuilder uri =
        new StringBuilder("/debug/explain?path=")
            .append(URLEncoder.encode(path, StandardCharsets.UTF_8));
    for (int i = 0; i < params.length; i += 2) {
      uri.append('&')
          .append(params[i])
          .append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    HttpResponse<String> response = adapter.get(uri.toString());
    assertEquals(200, response.statusCode(), uri + " -> " + response.body() + "\n" + adapter.log());
    return new JsonObject(response.body());
  }

  private static Map<String, String> values(JsonObject body) {
    Map<String, String> values = new java.util.TreeMap<>();
    JsonArray items = body.getJsonArray("items");
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      values.put(item.getJsonObject("describedObject").getString("name"), item.getString("value"));
    }
    return values;
  }

  @Test
  void servedMetricShowsEveryStepAndTheResponseTheApiGives() throws Exception {
    JsonObject explanation = explain(PODS, "labelSelector", "app=web");

    assertEquals("custom.metrics.k8s.io", explanation.getString("group"));
    assertEquals("v1beta2", explanation.getString("version"));
    assertEquals(
        new JsonObject()
            .put("resource", "pods")
            .put("namespace", "demo")
            .put("name", "*")
            .put("metric", "http_requests_per_second")
            .put("labelSelector", "app=web"),
        explanation.getJsonObject("parsed"));
    JsonObject rule = explanation.getJsonObject("rule");
    assertTrue(rule.getString("rule").contains("demo.yaml:"), rule.encode());
    assertEquals("http_requests_total", rule.getString("series"));
    assertEquals("pod", rule.getString("resourceLabel"));
    assertEquals("namespace", rule.getString("namespaceLabel"));
    assertEquals(new JsonArray().add("web-1").add("web-2"), explanation.getJsonArray("objects"));

    JsonArray queries = explanation.getJsonArray("queries");
    assertEquals(1, queries.size(), explanation.encodePrettily());
    String promql = queries.getJsonObject(0).getString("promql");
    assertEquals(
        "sum(rate(http_requests_total{namespace=\"demo\",pod=~\"web-1|web-2\"}[2m])) by (pod)",
        promql);
    JsonObject raw = queries.getJsonObject(0).getJsonObject("result");
    assertEquals("vector", raw.getString("resultType"));
    assertEquals(2, raw.getJsonArray("result").size(), raw.encode());
    assertEquals(
        "web-1",
        raw.getJsonArray("result").getJsonObject(0).getJsonObject("metric").getString("pod"));

    JsonObject response = explanation.getJsonObject("response");
    assertEquals(200, response.getInteger("code"));
    assertEquals(Map.of("web-1", "2", "web-2", "500m"), values(response.getJsonObject("body")));
    HttpResponse<String> direct = adapter.get(PODS + "?labelSelector=app%3Dweb");
    assertEquals(values(new JsonObject(direct.body())), values(response.getJsonObject("body")));
    assertNull(explanation.getJsonObject("hints"));
  }

  @Test
  void selectorsWrittenIntoThePathReachThePromql() throws Exception {
    JsonObject explanation =
        explain(
            "/apis/custom.metrics.k8s.io/v1beta1/namespaces/demo/services/demo-app/"
                + "http_requests_per_second?metricLabelSelector=code%3D500");

    assertEquals("code=500", explanation.getJsonObject("parsed").getString("metricLabelSelector"));
    assertNull(explanation.getJsonArray("objects"), "a request by name lists no objects");
    assertEquals(
        "sum(rate(http_requests_total{code=\"500\",namespace=\"demo\",service=\"demo-app\"}[2m]))"
            + " by (service)",
        explanation.getJsonArray("queries").getJsonObject(0).getString("promql"));
    JsonObject response = explanation.getJsonObject("response");
    assertEquals(200, response.getInteger("code"), explanation.encodePrettily());
    assertEquals(Map.of("demo-app", "250m"), values(response.getJsonObject("body")));
  }

  @Test
  void selectorThatMatchesNoObjectIsExplainedAsSuch() throws Exception {
    JsonObject explanation = explain(PODS, "labelSelector", "app in (nothing)");

    assertEquals(new JsonArray(), explanation.getJsonArray("objects"));
    assertEquals(new JsonArray(), explanation.getJsonArray("queries"));
    JsonObject response = explanation.getJsonObject("response");
    assertEquals(404, response.getInteger("code"));
    assertTrue(
        response.getJsonObject("body").getString("message").contains("no objects"),
        response.encode());
    assertNull(explanation.getJsonObject("hints"), "the metric exists: no name hints");
  }

  @Test
  void missingMetricGetsTheClosestNamesAndWhatEachRuleMadeOfItsSeries() throws Exception {
    JsonObject explanation =
        explain("/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_request_per_sec");

    assertNull(explanation.getJsonObject("rule"));
    JsonObject response = explanation.getJsonObject("response");
    assertEquals(404, response.getInteger("code"));
    assertEquals(
        "the server could not find the metric http_request_per_sec for pods",
        response.getJsonObject("body").getString("message"));
    JsonObject hints = explanation.getJsonObject("hints");
    assertEquals(new JsonArray(), hints.getJsonArray("servedFor"));
    List<String> closest = new ArrayList<>();
    hints.getJsonArray("closestMetrics").forEach(m -> closest.add((String) m));
    assertFalse(closest.isEmpty(), hints.encodePrettily());
    assertTrue(closest.get(0).endsWith("/http_requests_per_second"), "closest first: " + closest);

    JsonObject demoRule =
        hints.getJsonArray("rules").stream()
            .map(JsonObject.class::cast)
            .filter(r -> r.getString("rule").contains("demo.yaml"))
            .findFirst()
            .orElseThrow();
    // Counted in series, as check counts them (CheckDryRunIT): the four demo series share a shape.
    assertEquals(4, demoRule.getLong("seriesMatched"), demoRule.encode());
    assertEquals(4, demoRule.getLong("seriesKept"), demoRule.encode());
    assertFalse(demoRule.getJsonArray("metrics").isEmpty(), demoRule.encode());
  }

  @Test
  void metricServedForAnotherResourceSaysWhere() throws Exception {
    JsonObject explanation =
        explain(
            "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/deployments.apps/*/"
                + "http_requests_per_second");

    assertEquals(404, explanation.getJsonObject("response").getInteger("code"));
    List<String> servedFor = new ArrayList<>();
    explanation
        .getJsonObject("hints")
        .getJsonArray("servedFor")
        .forEach(m -> servedFor.add((String) m));
    assertTrue(servedFor.contains("pods/http_requests_per_second"), servedFor.toString());
    assertTrue(servedFor.contains("services/http_requests_per_second"), servedFor.toString());
  }

  @Test
  void externalMetricShowsItsQueryAndItems() throws Exception {
    JsonObject explanation =
        explain(
            "/apis/external.metrics.k8s.io/v1beta1/namespaces/demo/http_errors_per_second",
            "labelSelector",
            "app=api");

    assertEquals("true", explanation.getJsonObject("rule").getString("namespaced"));
    assertEquals(
        "sum(rate(http_requests_total{app=\"api\",namespace=\"demo\",code=~\"5..\"}[2m]))",
        explanation.getJsonArray("queries").getJsonObject(0).getString("promql"));
    JsonObject body = explanation.getJsonObject("response").getJsonObject("body");
    assertEquals("250m", body.getJsonArray("items").getJsonObject(0).getString("value"));

    JsonObject missing =
        explain("/apis/external.metrics.k8s.io/v1beta1/namespaces/demo/http_error_per_second");
    assertEquals(
        new JsonArray().add("http_errors_per_second"),
        missing.getJsonObject("hints").getJsonArray("closestMetrics"));
  }

  @Test
  void explainsOwnErrorsAreBadRequests() throws Exception {
    for (String uri :
        List.of(
            "/debug/explain",
            "/debug/explain?path=%2Fapis",
            "/debug/explain?path=%2Fapis%2Fcustom.metrics.k8s.io%2Fv9%2Fnamespaces%2Fdemo%2Fpods%2Fx%2Fm",
            "/debug/explain?path=%2Fhealthz")) {
      HttpResponse<String> response = adapter.get(uri);
      assertEquals(400, response.statusCode(), uri + " -> " + response.body());
      assertEquals("Status", new JsonObject(response.body()).getString("kind"), response.body());
    }
    JsonObject badSelector = explain(PODS, "labelSelector", "app=(");
    assertEquals(400, badSelector.getJsonObject("response").getInteger("code"));
  }

  // The subcommand.

  private static JarRun subcommand(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("explain"));
    command.addAll(List.of(args));
    return JarRun.run(dir, Duration.ofSeconds(60), command);
  }

  @Test
  void subcommandExplainsAServedMetricAsText() throws Exception {
    JarRun run =
        subcommand(
            "--config=" + AdapterUnderTest.RULES,
            "--prometheus-url=" + stack.prometheus().url(),
            "--label-selector=app=web",
            PODS);

    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("rule:     " + AdapterUnderTest.RULES), run.stdout());
    assertTrue(run.stdout().contains("objects:  web-1, web-2"), run.stdout());
    assertTrue(
        run.stdout()
            .contains(
                "promql:   sum(rate(http_requests_total{namespace=\"demo\",pod=~\"web-1|web-2\"}"),
        run.stdout());
    assertTrue(run.stdout().contains("response: 200"), run.stdout());
    assertTrue(run.stdout().contains("\"value\" : \"500m\""), run.stdout());
  }

  @Test
  void subcommandReportsMissingMetricsAsJsonAndExitsOne() throws Exception {
    JarRun run =
        subcommand(
            "--config=" + AdapterUnderTest.RULES,
            "--prometheus-url=" + stack.prometheus().url(),
            "--output=json",
            "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_request_per_sec");

    assertEquals(1, run.exitCode(), run.stderr());
    JsonObject explanation = new JsonObject(run.stdout());
    assertEquals(404, explanation.getJsonObject("response").getInteger("code"));
    assertTrue(
        explanation
            .getJsonObject("hints")
            .getJsonArray("closestMetrics")
            .getString(0)
            .endsWith("/http_requests_per_second"),
        run.stdout());
  }

  @Test
  void subcommandFailsClearlyWithoutPrometheusOrWithABadPath() throws Exception {
    JarRun unreachable =
        subcommand(
            "--config=" + AdapterUnderTest.RULES,
            "--prometheus-url=http://127.0.0.1:" + RealPrometheus.freePort(),
            "--prometheus-timeout=2s",
            PODS);
    assertEquals(3, unreachable.exitCode(), unreachable.stdout() + unreachable.stderr());
    assertTrue(unreachable.stderr().contains("cannot discover series"), unreachable.stderr());
    assertEquals("", unreachable.stdout());

    JarRun notAMetric =
        subcommand(
            "--config=" + AdapterUnderTest.RULES,
            "--prometheus-url=" + stack.prometheus().url(),
            "/apis");
    assertEquals(2, notAMetric.exitCode(), notAMetric.stderr());
    assertTrue(notAMetric.stderr().contains("path must be a metric request"), notAMetric.stderr());
  }
}
