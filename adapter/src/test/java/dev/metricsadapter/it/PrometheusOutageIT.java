package dev.metricsadapter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metricsadapter.testing.AdapterProcess;
import dev.metricsadapter.testing.PrometheusAndAdapter;
import dev.metricsadapter.testing.RealPrometheus;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus stopped under the adapter: a clear 503, discovery documents keep working, recovery.
 */
class PrometheusOutageIT {

  private static final String METRIC =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/web-1/http_requests_per_second";

  @TempDir static Path dir;
  private static PrometheusAndAdapter stack;
  private static RealPrometheus prometheus;
  private static AdapterProcess adapter;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealPrometheus.installed(), "Prometheus is not installed");
    stack =
        PrometheusAndAdapter.start(
            dir,
            PrometheusAndAdapter.RULES.resolve("demo.yaml"),
            List.of("--prometheus-timeout=5s"));
    prometheus = stack.prometheus();
    adapter = stack.adapter();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void answersServiceUnavailableWhilePrometheusIsDownAndRecovers() throws Exception {
    assertEquals(200, adapter.get(METRIC).statusCode());

    prometheus.stop();
    HttpResponse<String> down = adapter.get(METRIC);
    JsonObject status = new JsonObject(down.body());
    assertEquals(503, down.statusCode(), down.body());
    assertEquals("ServiceUnavailable", status.getString("reason"));
    assertTrue(
        status.getString("message").startsWith("Prometheus /api/v1/query is unreachable"),
        status.getString("message"));
    assertEquals(200, adapter.get("/apis/custom.metrics.k8s.io/v1beta2").statusCode());
    assertEquals(200, adapter.get("/readyz").statusCode());

    prometheus.start();
    HttpResponse<String> recovered = adapter.get(METRIC);
    assertEquals(200, recovered.statusCode(), recovered.body());
    assertEquals(
        "2",
        new JsonObject(recovered.body()).getJsonArray("items").getJsonObject(0).getString("value"));
  }
}
