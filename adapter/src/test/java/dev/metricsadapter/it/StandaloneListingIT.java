package dev.metricsadapter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metricsadapter.testing.AdapterProcess;
import dev.metricsadapter.testing.DemoData;
import dev.metricsadapter.testing.RealPrometheus;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standalone wildcard requests list their objects from Prometheus' series: label values that cannot
 * name a pod are left out (and counted), and with {@code --serve-stale-for} a listing survives a
 * Prometheus outage like the values do.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneListingIT {

  private static final String RULES =
      """
      rules:
      - seriesQuery: '{__name__=~"^(http_requests|odd_names)_total$",namespace!="",pod!=""}'
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        name: {matches: "^(.*)_total$", as: "${1}_per_second"}
        metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)'
      """;
  private static final String PODS = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/";

  @TempDir static Path dir;
  private static RealPrometheus prometheus;
  private static AdapterProcess adapter;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealPrometheus.installed(), "Prometheus is not installed");
    Instant now = Instant.now();
    String demo = DemoData.openMetrics(now);
    StringBuilder data = new StringBuilder(demo.substring(0, demo.lastIndexOf("# EOF")));
    data.append("# TYPE odd_names counter\n");
    for (long t = now.minusSeconds(3600).getEpochSecond();
        t <= now.getEpochSecond() + 3600;
        t += 15) {
      for (String pod : List.of("web-1", "Bad_Pod", "quote\\\"pod")) {
        data.append("odd_names_total{namespace=\"demo\",pod=\"")
            .append(pod)
            .append("\"} ")
            .append(t)
            .append(' ')
            .append(t)
            .append('\n');
      }
    }
    data.append("# EOF\n");
    prometheus = RealPrometheus.start(dir, data.toString());
    Path rules = Files.writeString(dir.resolve("rules.yaml"), RULES);
    adapter =
        AdapterProcess.start(
            dir,
            List.of(
                "--config=" + rules,
                "--prometheus-url=" + prometheus.url(),
                "--kubeconfig=none",
                "--cache-ttl=0s",
                "--serve-stale-for=5m",
                "--prometheus-timeout=3s"));
  }

  @AfterAll
  static void stop() {
    if (adapter != null) {
      adapter.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  private static List<String> objects(String metric) throws Exception {
    HttpResponse<String> response = adapter.get(PODS + metric);
    assertEquals(200, response.statusCode(), response.body());
    List<String> names = new ArrayList<>();
    new JsonObject(response.body())
        .getJsonArray("items")
        .forEach(
            item ->
                names.add(((JsonObject) item).getJsonObject("describedObject").getString("name")));
    return names;
  }

  @Test
  @Order(1)
  void labelValuesThatCannotNameAPodAreLeftOutAndCounted() throws Exception {
    assertEquals(List.of("web-1"), objects("odd_names_per_second"));
    assertTrue(
        adapter.get("/metrics").body().contains("metrics_adapter_listing_invalid_names_total 2.0"),
        "two values left out");
  }

  @Test
  @Order(2)
  void aListingIsServedStaleWhilePrometheusIsDown() throws Exception {
    List<String> before = objects("http_requests_per_second");
    assertEquals(List.of("api-1", "web-1", "web-2"), before);
    prometheus.stop();
    try {
      // Past the listings' own 5 s reuse: every answer must come from the stale fallback.
      Awaitility.await("the listing is answered from the stale fallback")
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                assertEquals(before, objects("http_requests_per_second"));
                return adapter
                    .log()
                    .contains("answering failed object listings with results up to 5m0s old");
              });
      assertEquals(before, objects("http_requests_per_second"));
    } finally {
      prometheus.start();
    }
  }
}
