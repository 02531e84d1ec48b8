package dev.metricsadapter.it;

import static dev.metricsadapter.testing.AdapterUnderTest.RULES;
import static dev.metricsadapter.testing.MetricValueLists.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.testing.AdapterUnderTest;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The adapter jar against a real Prometheus with backfilled data, in standalone mode, with the
 * repository's rules (Helm defaults and the demo rules). Expected values are the hand-computed
 * rates of {@link DemoData}.
 */
class CustomMetricsIT {

  @RegisterExtension static final AdapterUnderTest stack = AdapterUnderTest.withRules(RULES);

  private static JsonObject ok(String path) throws Exception {
    HttpResponse<String> response = stack.adapter().getOk(path);
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    return new JsonObject(response.body());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v1beta1", "v1beta2"})
  void discoveryListsTheMetricsOfTheDefaultAndDemoRules(String version) throws Exception {
    JsonObject list = ok("/apis/custom.metrics.k8s.io/" + version);
    assertEquals("custom.metrics.k8s.io/" + version, list.getString("groupVersion"));
    Set<String> names = new TreeSet<>();
    list.getJsonArray("resources").forEach(r -> names.add(((JsonObject) r).getString("name")));
    assertTrue(
        names.containsAll(
            Set.of(
                "pods/http_requests_per_second",
                "services/http_requests_per_second",
                "namespaces/http_requests_per_second",
                "pods/http_requests",
                "pods/cpu_usage",
                "nodes/node_temperature_celsius")),
        names.toString());
  }

  @Test
  void podsOfANamespaceWithHandComputedRates() throws Exception {
    JsonObject list =
        ok("/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second");
    assertEquals(Map.of("api-1", "1250m", "web-1", "2", "web-2", "500m"), values(list));
    JsonObject item = list.getJsonArray("items").getJsonObject(1);
    assertEquals(
        new JsonObject(
            "{\"kind\":\"Pod\",\"namespace\":\"demo\",\"name\":\"web-1\",\"apiVersion\":\"v1\"}"),
        item.getJsonObject("describedObject"));
    assertEquals(
        new JsonObject("{\"name\":\"http_requests_per_second\",\"selector\":null}"),
        item.getJsonObject("metric"));
    long age =
        Instant.now().getEpochSecond()
            - Instant.parse(item.getString("timestamp")).getEpochSecond();
    assertTrue(
        age >= 0 && age < 120, "timestamp is the sample time: " + item.getString("timestamp"));
  }

  @Test
  void labelSelectorSelectsObjectsInV1beta1() throws Exception {
    JsonObject list =
        ok(
            "/apis/custom.metrics.k8s.io/v1beta1/namespaces/demo/pods/*/http_requests_per_second"
                + "?labelSelector=app%3Dweb");
    assertEquals(Map.of("web-1", "2", "web-2", "500m"), values(list));
    assertEquals(
        "http_requests_per_second",
        list.getJsonArray("items").getJsonObject(0).getString("metricName"));
  }

  @Test
  void metricLabelSelectorSelectsSeries() throws Exception {
    JsonObject list =
        ok(
            "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/api-1/http_requests_per_second"
                + "?metricLabelSelector=code%3D500");
    assertEquals(Map.of("api-1", "250m"), values(list));
    assertEquals(
        new JsonObject("{\"matchLabels\":{\"code\":\"500\"}}"),
        list.getJsonArray("items")
            .getJsonObject(0)
            .getJsonObject("metric")
            .getJsonObject("selector"));
  }

  @Test
  void objectNamespaceAndClusterScopedShapes() throws Exception {
    assertEquals(
        Map.of("demo-app", "3750m"),
        values(
            ok(
                "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/services/demo-app/http_requests_per_second")));
    assertEquals(
        Map.of("demo", "3750m"),
        values(
            ok(
                "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/metrics/http_requests_per_second")));
    assertEquals(
        Map.of("node-1", "42500m"),
        values(ok("/apis/custom.metrics.k8s.io/v1beta1/nodes/node-1/node_temperature_celsius")));
    assertEquals(
        Map.of("web-1", "250m"),
        values(ok("/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/cpu_usage")));
    assertEquals(
        Map.of("web-1", "2"),
        values(ok("/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/web-1/http_requests")));
  }

  @Test
  void unknownMetricsAndObjectsAreNotFound() throws Exception {
    HttpResponse<String> unknown =
        stack.adapter().get("/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/nope");
    assertEquals(404, unknown.statusCode());
    assertEquals(
        "the server could not find the metric nope for pods",
        new JsonObject(unknown.body()).getString("message"));
    HttpResponse<String> noValue =
        stack
            .adapter()
            .get(
                "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/web-9/http_requests_per_second");
    assertEquals(404, noValue.statusCode());
    assertEquals("NotFound", new JsonObject(noValue.body()).getString("reason"));
  }
}
