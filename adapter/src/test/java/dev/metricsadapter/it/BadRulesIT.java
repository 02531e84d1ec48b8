package dev.metricsadapter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.testing.AdapterUnderTest;
import dev.metricsadapter.testing.BadRules;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One bad rule does not take the adapter down: with {@link BadRules} against a real Prometheus, the
 * adapter turns ready (its start waits for {@code /readyz} 200), serves the good metric, names each
 * failing rule in {@code /readyz?verbose} and its own metrics, and answers a request for a metric
 * whose query Prometheus refuses with a 500 that names the rule.
 */
class BadRulesIT {

  private static final String PODS = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/";

  @RegisterExtension
  static final AdapterUnderTest stack =
      AdapterUnderTest.withRules(dir -> BadRules.write(dir, "rules"));

  /** A rules file as the adapter names it. */
  private static Path rules(String file) {
    return stack.rules().resolve(file);
  }

  @Test
  void isReadyAndServesTheGoodRule() throws Exception {
    HttpResponse<String> response = stack.adapter().get(PODS + "web-1/http_requests_per_second");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(
        "2",
        new JsonObject(response.body()).getJsonArray("items").getJsonObject(0).getString("value"));
  }

  @Test
  void readinessNamesTheRuleWhoseSeriesQueryPrometheusRefuses() throws Exception {
    HttpResponse<String> response = stack.adapter().get("/readyz?verbose");
    assertEquals(200, response.statusCode(), response.body());
    String body = response.body();
    assertTrue(body.startsWith("[+]discovery ok (warning: failing rules: 1)\n"), body);
    assertTrue(
        body.contains(
            "    "
                + rules("bad.yaml")
                + ":2 rules[0]: seriesQuery http_requests_total{namespace!=\"\" is refused"
                + " by Prometheus: Prometheus /api/v1/series failed: bad_data: "),
        body);
    assertTrue(body.endsWith("readyz check passed\n"), body);
  }

  @Test
  void selfMetricsMarkEachFailingRule() throws Exception {
    String metrics = stack.adapter().get("/metrics").body();
    assertTrue(
        metrics.contains(
            "metrics_adapter_discovery_rule_failing{rule=\""
                + rules("bad.yaml")
                + ":2 rules[0]\",} 1.0"),
        metrics);
    assertTrue(
        metrics.contains(
            "metrics_adapter_discovery_rule_failing{rule=\""
                + rules("good.yaml")
                + ":2 rules[0]\",} 0.0"),
        metrics);
    assertTrue(metrics.contains("metrics_adapter_discovery_failing_queries 1.0"), metrics);
  }

  @Test
  void aRefusedMetricsQueryIsA500NamingTheRuleWithThePromQlInTheLog() throws Exception {
    HttpResponse<String> response =
        stack.adapter().get(PODS + "web-1/" + BadRules.UNBALANCED_PARENS);
    assertEquals(500, response.statusCode(), response.body());
    String message = new JsonObject(response.body()).getString("message");
    assertTrue(
        message.startsWith(
            "Internal error occurred: the query of rule "
                + rules("bad.yaml")
                + ":6 rules[1] for metric "
                + BadRules.UNBALANCED_PARENS
                + " was refused: Prometheus /api/v1/query failed: bad_data: "),
        message);
    assertTrue(
        stack
            .adapter()
            .log()
            .contains(
                "(PromQL: sum(rate(http_requests_total{namespace=\"demo\",pod=\"web-1\"}[2m]) by"
                    + " (pod))"),
        stack.adapter().log());
  }
}
