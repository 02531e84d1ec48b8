package dev.metricsadapter.it;

import static dev.metricsadapter.testing.AdapterUnderTest.RULES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metricsadapter.testing.AdapterUnderTest;
import dev.metricsadapter.testing.Kubectl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real kubectl, pointed straight at the adapter, shows exactly what the adapter serves. */
class KubectlIT {

  @RegisterExtension static final AdapterUnderTest stack = AdapterUnderTest.withRules(RULES);

  @BeforeAll
  static void kubectlIsInstalled() {
    assumeTrue(Kubectl.installed(), "kubectl is not installed");
  }

  /** A copy with every item's timestamp replaced by whether it was there. */
  private static JsonObject withoutTimestamps(JsonObject body) {
    JsonObject copy = body.copy();
    JsonArray items = copy.getJsonArray("items");
    if (items != null) {
      for (int i = 0; i < items.size(); i++) {
        JsonObject item = items.getJsonObject(i);
        item.put("timestamp", item.getString("timestamp") != null);
      }
    }
    return copy;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/apis/custom.metrics.k8s.io/v1beta1",
        "/apis/custom.metrics.k8s.io/v1beta2",
        "/apis/custom.metrics.k8s.io/v1beta1/namespaces/demo/pods/*/http_requests_per_second?labelSelector=app%3Dweb",
        "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second?labelSelector=app%3Dweb",
        "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/services/demo-app/http_requests_per_second",
        "/apis/custom.metrics.k8s.io/v1beta1/namespaces/demo/metrics/http_requests_per_second"
      })
  void kubectlShowsTheHttpBody(String path) throws Exception {
    JsonObject viaKubectl =
        new JsonObject(
            Kubectl.run(stack.adapter().url(), "--token=x", "get", "--raw", path).succeeded());
    JsonObject viaHttp = new JsonObject(stack.adapter().get(path).body());
    // Two instant queries a moment apart may be evaluated in different seconds.
    assertEquals(withoutTimestamps(viaHttp), withoutTimestamps(viaKubectl));
    assertEquals(
        path.contains("/namespaces/") ? "MetricValueList" : "APIResourceList",
        viaKubectl.getString("kind"));
  }
}
