package dev.metricsadapter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metricsadapter.testing.PrometheusAndAdapter;
import dev.metricsadapter.testing.RealPrometheus;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code resourceRules} edits apply without a restart like the other rules; removing the section
 * keeps the last ones serving and says, in {@code /readyz?verbose} and a self-metric, that only a
 * restart stops serving {@code metrics.k8s.io}.
 */
class ResourceRulesReloadIT {

  private static final String POD = "/apis/metrics.k8s.io/v1beta1/namespaces/demo/pods/web-1";

  @TempDir Path dir;

  @Test
  void aWindowChangeAppliesAndARemovalAsksForARestart() throws Exception {
    assumeTrue(RealPrometheus.installed(), "Prometheus is not installed");
    Path rules = Files.createDirectories(dir.resolve("rules"));
    String resource = Files.readString(PrometheusAndAdapter.RULES.resolve("resource.yaml"));
    assertTrue(resource.contains("\n  window: 3m\n"), "the shipped window");
    Path file = Files.writeString(rules.resolve("resource.yaml"), resource);
    Files.copy(PrometheusAndAdapter.RULES.resolve("demo.yaml"), rules.resolve("demo.yaml"));
    try (PrometheusAndAdapter stack = PrometheusAndAdapter.start(dir, rules, List.of())) {
      assertEquals("3m0s", window(stack));

      Files.writeString(file, resource.replace("\n  window: 3m\n", "\n  window: 5m\n"));
      Awaitility.await("the new window is served")
          .atMost(Duration.ofSeconds(30))
          .until(() -> "5m0s".equals(window(stack)));

      Files.delete(file);
      Awaitility.await("the removal is reported")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  stack
                      .adapter()
                      .get("/readyz?verbose")
                      .body()
                      .contains(
                          "resourceRules were removed: metrics.k8s.io is served with the last"
                              + " resourceRules until a restart"));
      assertEquals("5m0s", window(stack));
      assertTrue(
          stack
              .adapter()
              .get("/metrics")
              .body()
              .contains("metrics_adapter_config_restart_needed 1.0"));
      assertTrue(stack.adapter().log().contains("WARN  RuleReloader: resourceRules were removed"));
    }
  }

  private static String window(PrometheusAndAdapter stack) throws Exception {
    HttpResponse<String> response = stack.adapter().get(POD);
    assertEquals(200, response.statusCode(), response.body());
    return new JsonObject(response.body()).getString("window");
  }
}
