package dev.metricsadapter.demo;

import static dev.metricsadapter.demo.Http.await;
import static dev.metricsadapter.demo.Http.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.client.CollectorRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoServerTest {

  private static final String ROOT_200 =
      "http_requests_total{method=\"GET\",path=\"/\",code=\"200\",}";

  private Vertx vertx;
  private WebClient client;
  private CollectorRegistry registry;
  private DemoServer server;
  private int port;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
    registry = new CollectorRegistry();
  }

  @AfterEach
  void tearDown() {
    client.close();
    await(vertx.close());
  }

  private void start(ServerConfig config, DoubleSupplier random) {
    server = new DemoServer(vertx, registry, Http.onLoopback(config), random);
    port = await(server.listen());
  }

  private void start() {
    start(ServerConfig.DEFAULTS, () -> 0.5);
  }

  private Future<HttpResponse<Buffer>> send(String path) {
    return client.get(port, "127.0.0.1", path).timeout(10_000).send();
  }

  private HttpResponse<Buffer> get(String path) {
    return await(send(path));
  }

  private String scrape() {
    HttpResponse<Buffer> response = get("/metrics");
    assertEquals(200, response.statusCode());
    return response.bodyAsString();
  }

  /** A random source answering the given values in turn (then repeating the last). */
  private static DoubleSupplier sequence(double... values) {
    Deque<Double> queue = new ArrayDeque<>();
    for (double v : values) {
      queue.add(v);
    }
    return () -> queue.size() > 1 ? queue.poll() : queue.peek();
  }

  @Test
  void servesEveryEndpoint() {
    start();
    HttpResponse<Buffer> root = get("/");
    assertEquals(200, root.statusCode());
    assertEquals("hello from demo-app\n", root.bodyAsString());

    HttpResponse<Buffer> health = get("/healthz");
    assertEquals(200, health.statusCode());
    assertEquals("ok\n", health.bodyAsString());

    HttpResponse<Buffer> items = get("/api/items");
    assertEquals(200, items.statusCode());
    assertEquals("application/json", items.getHeader("Content-Type"));
    assertEquals(3, new JsonObject(items.bodyAsString()).getJsonArray("items").size());

    HttpResponse<Buffer> metrics = get("/metrics");
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.getHeader("Content-Type").startsWith("text/plain; version=0.0.4"));

    assertEquals(404, get("/missing").statusCode());
  }

  @Test
  void countsServedRequestsByMethodPathAndCodeButNotScrapes() {
    start();
    String before = scrape();
    // Initialized at start, so rate() sees the first requests and the adapter sees the series.
    assertEquals(0.0, sample(before, ROOT_200));
    assertEquals(
        0.0,
        sample(before, "http_requests_total{method=\"GET\",path=\"/api/items\",code=\"500\",}"));

    get("/");
    get("/");
    get("/healthz");
    get("/missing");
    get("/another/missing");
    await(client.post(port, "127.0.0.1", "/").send());

    String body = scrape();
    assertEquals(2.0, sample(body, ROOT_200), body);
    assertEquals(
        1.0,
        sample(body, "http_requests_total{method=\"GET\",path=\"/healthz\",code=\"200\",}"),
        body);
    // Unknown paths share one series: clients cannot create unbounded series.
    assertEquals(
        2.0,
        sample(body, "http_requests_total{method=\"GET\",path=\"other\",code=\"404\",}"),
        body);
    assertEquals(
        1.0, sample(body, "http_requests_total{method=\"POST\",path=\"/\",code=\"405\",}"), body);
    assertFalse(body.contains("path=\"/metrics\""), body);
    // No pod or namespace labels: Prometheus target labels add them.
    assertFalse(body.contains("pod="), body);
    assertFalse(body.contains("namespace="), body);
  }

  @Test
  void errorRatioZeroNeverFailsAndOneAlwaysFails() {
    start(ServerConfig.DEFAULTS.withErrorRatio(0), () -> 0.0);
    for (int i = 0; i < 5; i++) {
      assertEquals(200, get("/api/items").statusCode());
    }
    await(vertx.close());
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
    registry = new CollectorRegistry();
    start(ServerConfig.DEFAULTS.withErrorRatio(1), () -> 0.999);
    for (int i = 0; i < 5; i++) {
      HttpResponse<Buffer> response = get("/api/items");
      assertEquals(500, response.statusCode());
      assertEquals("simulated failure", new JsonObject(response.bodyAsString()).getString("error"));
    }
    String body = scrape();
    assertEquals(
        5.0,
        sample(body, "http_requests_total{method=\"GET\",path=\"/api/items\",code=\"500\",}"),
        body);
    assertEquals(
        0.0,
        sample(body, "http_requests_total{method=\"GET\",path=\"/api/items\",code=\"200\",}"),
        body);
  }

  @Test
  void errorRatioFailsWhenTheRandomDrawIsBelowIt() {
    start(ServerConfig.DEFAULTS.withErrorRatio(0.3), sequence(0.29, 0.3, 0.0, 0.9));
    List<Integer> codes =
        List.of(
            get("/api/items").statusCode(),
            get("/api/items").statusCode(),
            get("/api/items").statusCode(),
            get("/api/items").statusCode());
    assertEquals(List.of(500, 200, 500, 200), codes);
  }

  @Test
  void latencyDelaysRootAndIsRecordedInTheHistogram() {
    start(
        ServerConfig.DEFAULTS.withLatency(Duration.ofMillis(100), Duration.ofMillis(200)),
        () -> 0.5);
    // 100 ms + 0.5 * 200 ms: at least 0.2 s each (a timer never fires early).
    get("/");
    get("/");
    get("/api/items");
    String body = scrape();
    assertEquals(
        2.0, sample(body, "http_request_duration_seconds_count{method=\"GET\",path=\"/\",}"), body);
    assertTrue(
        sample(body, "http_request_duration_seconds_sum{method=\"GET\",path=\"/\",}") >= 0.4, body);
    assertEquals(
        0.0,
        sample(body, "http_request_duration_seconds_bucket{method=\"GET\",path=\"/\",le=\"0.1\",}"),
        body);
    assertEquals(
        2.0,
        sample(
            body, "http_request_duration_seconds_bucket{method=\"GET\",path=\"/\",le=\"+Inf\",}"),
        body);
    // /api/items does no simulated work.
    assertEquals(
        1.0,
        sample(body, "http_request_duration_seconds_count{method=\"GET\",path=\"/api/items\",}"),
        body);
  }

  @Test
  void slowRequestsDoNotBlockTheEventLoopAndShowInFlight() {
    start(ServerConfig.DEFAULTS.withLatency(Duration.ofSeconds(2), Duration.ZERO), () -> 0.5);
    assertEquals(0.0, sample(scrape(), "http_requests_in_flight"));
    Future<HttpResponse<Buffer>> slow = send("/");
    Awaitility.await().atMost(Http.WAIT).until(() -> server.inFlight() == 1);
    // The server has one event loop: these answer while the slow request waits on its timer.
    assertEquals(1.0, sample(scrape(), "http_requests_in_flight"));
    assertEquals(200, get("/healthz").statusCode());
    assertFalse(slow.isComplete());
    assertEquals(200, await(slow).statusCode());
    assertEquals(0.0, sample(scrape(), "http_requests_in_flight"));
  }

  @Test
  void shutdownDrainsRequestsInFlightAndRefusesNewOnes() {
    start(ServerConfig.DEFAULTS.withLatency(Duration.ofSeconds(1), Duration.ZERO), () -> 0.5);
    Future<HttpResponse<Buffer>> slow = send("/");
    Awaitility.await().atMost(Http.WAIT).until(() -> server.inFlight() == 1);
    Future<Void> stopped = server.shutdown(Duration.ofSeconds(10));
    HttpResponse<Buffer> during = get("/healthz");
    assertEquals(503, during.statusCode());
    assertEquals("close", during.getHeader("Connection"));
    assertEquals(200, await(slow).statusCode());
    await(stopped);
    assertThrows(AssertionError.class, () -> get("/healthz"), "closed after the drain");
  }

  @Test
  void shutdownGivesUpOnRequestsAfterTheGracePeriod() {
    start(ServerConfig.DEFAULTS.withLatency(Duration.ofSeconds(30), Duration.ZERO), () -> 0.5);
    send("/");
    Awaitility.await().atMost(Http.WAIT).until(() -> server.inFlight() == 1);
    await(server.shutdown(Duration.ofMillis(100)));
    assertThrows(AssertionError.class, () -> get("/healthz"));
  }

  @Test
  void realRegistryExportsJvmMetrics() {
    registry = DemoApp.newRegistry();
    start();
    String body = scrape();
    assertTrue(body.contains("jvm_memory_bytes_used{area=\"heap\",}"), body);
    assertTrue(body.contains("jvm_threads_current"), body);
    assertTrue(body.contains("process_cpu_seconds_total"), body);
    assertTrue(body.contains("# TYPE http_request_duration_seconds histogram"), body);
    assertTrue(body.contains("# TYPE http_requests_in_flight gauge"), body);
  }
}
