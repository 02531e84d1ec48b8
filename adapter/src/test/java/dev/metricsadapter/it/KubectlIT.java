package dev.metricsadapter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metricsadapter.testing.AdapterProcess;
import dev.metricsadapter.testing.PrometheusAndAdapter;
import dev.metricsadapter.testing.RealPrometheus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real kubectl, pointed straight at the adapter, shows exactly what the adapter serves. */
class KubectlIT {

  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  @TempDir static Path dir;
  private static PrometheusAndAdapter stack;
  private static AdapterProcess adapter;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealPrometheus.installed(), "Prometheus is not installed");
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed");
    stack = PrometheusAndAdapter.start(dir, PrometheusAndAdapter.RULES, List.of());
    adapter = stack.adapter();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
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

  private static String kubectlGetRaw(String path) throws IOException, InterruptedException {
    Process kubectl =
        new ProcessBuilder(
                KUBECTL.toString(),
                "--server=" + adapter.url(),
                "--insecure-skip-tls-verify",
                "--token=x",
                "get",
                "--raw",
                path)
            .redirectErrorStream(true)
            .start();
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!kubectl.waitFor(30, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
      throw new AssertionError("kubectl failed: " + output);
    }
    return output;
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
    JsonObject viaKubectl = new JsonObject(kubectlGetRaw(path));
    JsonObject viaHttp = new JsonObject(adapter.get(path).body());
    // Two instant queries a moment apart may be evaluated in different seconds.
    assertEquals(withoutTimestamps(viaHttp), withoutTimestamps(viaKubectl));
    assertEquals(
        path.contains("/namespaces/") ? "MetricValueList" : "APIResourceList",
        viaKubectl.getString("kind"));
  }
}
