package dev.metricsadapter.demo;

import static dev.metricsadapter.demo.Http.await;
import static dev.metricsadapter.demo.Http.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.client.CollectorRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

  private Vertx vertx;
  private WebClient client;
  private final List<String> report = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void tearDown() {
    client.close();
    await(vertx.close());
  }

  private URI server(ServerConfig config) {
    DemoServer server =
        new DemoServer(vertx, new CollectorRegistry(), Http.onLoopback(config), () -> 0.5);
    int port = await(server.listen());
    return URI.create("http://127.0.0.1:" + port);
  }

  private static LoadOptions options(
      List<URI> targets, String path, LoadProfile profile, double peak, Duration duration) {
    return new LoadOptions(
        targets,
        path,
        profile,
        peak,
        duration,
        Duration.ofSeconds(2),
        Duration.ofMillis(200),
        1_000_000,
        200);
  }

  /** A steady run of {@code /} on {@code target} with the given bounds, reporting every second. */
  private static LoadOptions bounded(
      URI target,
      double peak,
      Duration duration,
      Duration timeout,
      long maxRequests,
      int maxInFlight) {
    return new LoadOptions(
        List.of(target),
        "/",
        LoadProfile.STEADY,
        peak,
        duration,
        timeout,
        Duration.ofSeconds(1),
        maxRequests,
        maxInFlight);
  }

  private LoadSummary run(LoadOptions options) {
    return await(new LoadGenerator(vertx, options, report::add).start());
  }

  private double served(URI target, String series) {
    String scrape = await(client.getAbs(target + "/metrics").timeout(5_000).send()).bodyAsString();
    return sample(scrape, series);
  }

  @Test
  void sendsThePlannedCountRoundRobinAndReports() {
    URI first = server(ServerConfig.DEFAULTS);
    URI second = server(ServerConfig.DEFAULTS);
    LoadOptions options =
        options(List.of(first, second), "/", LoadProfile.RAMP, 60, Duration.ofSeconds(1));
    assertEquals(40, options.plannedTotal());

    LoadSummary summary = run(options);

    assertEquals(40, summary.planned());
    assertEquals(40, summary.sent());
    assertEquals(40, summary.ok());
    assertEquals(0, summary.errors());
    assertEquals(0, summary.dropped());
    assertFalse(summary.interrupted());
    String root = "http_requests_total{method=\"GET\",path=\"/\",code=\"200\",}";
    assertEquals(20.0, served(first, root));
    assertEquals(20.0, served(second, root));
    assertTrue(
        report.get(0).startsWith("load start profile=ramp peak=60.0 rps"), report.toString());
    assertTrue(
        report.stream()
            .anyMatch(
                line ->
                    line.matches(
                        "load t=\\d+s target=\\d+\\.\\d rps sent=\\d+ ok=\\d+ errors=\\d+ .*")),
        report.toString());
    assertTrue(
        report
            .get(report.size() - 1)
            .matches("load done t=\\S+ planned=40 sent=40 ok=40 errors=0 .*"),
        report.toString());
  }

  @Test
  void countsHttpErrors() {
    URI target = server(ServerConfig.DEFAULTS.withErrorRatio(1));
    LoadSummary summary =
        run(options(List.of(target), "/api/items", LoadProfile.STEADY, 20, Duration.ofMillis(500)));
    assertEquals(10, summary.sent());
    assertEquals(0, summary.ok());
    assertEquals(10, summary.httpErrors());
    assertEquals(
        10.0,
        served(target, "http_requests_total{method=\"GET\",path=\"/api/items\",code=\"500\",}"));
  }

  @Test
  void everyRequestHasATimeout() {
    URI slow = server(ServerConfig.DEFAULTS.withLatency(Duration.ofSeconds(30), Duration.ZERO));
    LoadSummary summary =
        run(bounded(slow, 10, Duration.ofMillis(300), Duration.ofMillis(200), 100, 100));
    assertEquals(3, summary.sent());
    assertEquals(3, summary.failed());
    assertEquals(0, summary.ok());
  }

  @Test
  void unreachableTargetsCountAsFailed() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    LoadSummary summary =
        run(
            options(
                List.of(URI.create("http://127.0.0.1:" + closedPort)),
                "/",
                LoadProfile.STEADY,
                10,
                Duration.ofMillis(500)));
    assertEquals(5, summary.sent());
    assertEquals(5, summary.failed());
  }

  @Test
  void capsTheCountAndTheRequestsInFlight() {
    URI slow = server(ServerConfig.DEFAULTS.withLatency(Duration.ofMillis(500), Duration.ZERO));
    LoadSummary summary =
        run(bounded(slow, 100, Duration.ofMillis(500), Duration.ofSeconds(5), 30, 20));
    assertEquals(30, summary.planned(), "capped by max requests");
    assertEquals(20, summary.sent(), "never more than 20 in flight with 500 ms answers");
    assertEquals(10, summary.dropped());
    assertEquals(20, summary.ok());
  }

  @Test
  void stopEndsTheRunEarly() {
    URI target = server(ServerConfig.DEFAULTS);
    LoadGenerator generator =
        new LoadGenerator(
            vertx,
            options(List.of(target), "/", LoadProfile.STEADY, 50, Duration.ofHours(1)),
            report::add);
    generator.start();
    org.awaitility.Awaitility.await()
        .atMost(Http.WAIT)
        .until(() -> report.stream().anyMatch(line -> line.startsWith("load t=")));
    generator.stop();
    LoadSummary summary = await(generator.result());
    assertTrue(summary.interrupted());
    assertTrue(summary.sent() > 0 && summary.sent() < 180_000, summary.line());
    assertEquals(summary.sent(), summary.ok());
    assertTrue(report.get(report.size() - 1).startsWith("load stopped "), report.toString());
  }
}
