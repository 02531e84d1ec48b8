package dev.metricsadapter.demo;

import static dev.metricsadapter.demo.Http.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code /usr/bin/prometheus}) scrapes the demo app on loopback with
 * the target labels Kubernetes service discovery would add; the series carry them exactly.
 */
class PrometheusScrapeIT {

  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

  @TempDir Path dir;
  private Vertx vertx;
  private WebClient client;
  private Process prometheus;

  @BeforeEach
  void setUp() {
    assumeTrue(Files.isExecutable(PROMETHEUS), "Prometheus is not installed");
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (client != null) {
      client.close();
      await(vertx.close());
    }
  }

  @Test
  void seriesCarryNamespaceAndPodTargetLabels() throws IOException {
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            0,
            Duration.ZERO,
            Duration.ZERO,
            0.0,
            Duration.ofSeconds(1),
            Optional.empty());
    int appPort =
        await(
            new DemoServer(
                    vertx,
                    DemoApp.newRegistry(),
                    config,
                    () -> ThreadLocalRandom.current().nextDouble())
                .listen());
    int promPort = freePort();
    Files.writeString(
        dir.resolve("prometheus.yml"),
        String.join(
            "\n",
            "global: {scrape_interval: 1s}",
            "scrape_configs:",
            "- job_name: demo-app",
            "  static_configs:",
            "  - targets: ['127.0.0.1:" + appPort + "']",
            "    labels: {namespace: demo, pod: demo-app-1, service: demo-app, app: demo-app}",
            ""));
    prometheus =
        new ProcessBuilder(
                PROMETHEUS.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + promPort)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    String base = "http://127.0.0.1:" + promPort;

    for (int i = 0; i < 7; i++) {
      assertEquals(200, await(client.get(appPort, "127.0.0.1", "/").send()).statusCode());
    }

    String query =
        "http_requests_total{namespace=\"demo\",pod=\"demo-app-1\",path=\"/\",code=\"200\"}";
    JsonObject series =
        Awaitility.await("Prometheus has scraped 7 requests")
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(250))
            .ignoreExceptions()
            .until(
                () -> {
                  if (!prometheus.isAlive()) {
                    throw new AssertionError(
                        "Prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
                  }
                  JsonArray result = query(base, query);
                  return result.isEmpty() ? null : result.getJsonObject(0);
                },
                found -> found != null && "7".equals(found.getJsonArray("value").getString(1)));

    Map<String, String> labels = new TreeMap<>();
    series.getJsonObject("metric").forEach(e -> labels.put(e.getKey(), (String) e.getValue()));
    assertEquals(
        new TreeMap<>(
            Map.of(
                "__name__", "http_requests_total",
                "app", "demo-app",
                "code", "200",
                "instance", "127.0.0.1:" + appPort,
                "job", "demo-app",
                "method", "GET",
                "namespace", "demo",
                "path", "/",
                "pod", "demo-app-1",
                "service", "demo-app")),
        labels);

    // The adapter's rule would select these, and the histogram, gauge and JVM metrics are there
    // too.
    String rate = "sum(rate(http_requests_total{namespace=\"demo\",pod!=\"\"}[2m])) by (pod)";
    Awaitility.await("a rate (two samples)")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> query(base, rate).size() == 1);
    assertEquals(
        "7",
        query(base, "http_request_duration_seconds_count{pod=\"demo-app-1\",path=\"/\"}")
            .getJsonObject(0)
            .getJsonArray("value")
            .getString(1));
    assertEquals(1, query(base, "http_requests_in_flight{pod=\"demo-app-1\"}").size());
    assertEquals(1, query(base, "jvm_threads_current{pod=\"demo-app-1\"}").size());
  }

  private JsonArray query(String base, String promql) {
    JsonObject answer =
        await(
                client
                    .getAbs(base + "/api/v1/query")
                    .addQueryParam("query", promql)
                    .timeout(5_000)
                    .send())
            .bodyAsJsonObject();
    assertEquals("success", answer.getString("status"), answer.encode());
    return answer.getJsonObject("data").getJsonArray("result");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
