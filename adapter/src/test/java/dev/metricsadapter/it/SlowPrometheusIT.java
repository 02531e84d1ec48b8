package dev.metricsadapter.it;

import static dev.metricsadapter.testing.AdapterUnderTest.RULES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.testing.AdapterProcess;
import dev.metricsadapter.testing.AdapterUnderTest;
import dev.metricsadapter.testing.Futures;
import dev.metricsadapter.testing.PrometheusProxy;
import dev.metricsadapter.testing.RealPrometheus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Prometheus behind a proxy that holds query answers back for a configurable time: past the
 * adapter's Prometheus deadline the request fails with a clear 504 soon after that deadline, and
 * the adapter answers normally once Prometheus is fast again. The failures leave one log line per
 * event (no library warnings with stack traces). With {@code --serve-stale-for} the slow answer is
 * replaced by the last good one, counted and logged. Discovery's series listings have their own,
 * longer deadline ({@code --discovery-timeout}).
 */
class SlowPrometheusIT {

  private static final String METRIC =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/web-1/http_requests_per_second";
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** Behind the delaying proxy, without cache, with a 2 s deadline. */
  @RegisterExtension
  static final AdapterUnderTest stack =
      AdapterUnderTest.withRules(RULES.resolve("demo.yaml"))
          .flags(
              starting ->
                  List.of("--prometheus-url=" + delayingProxyInFrontOf(starting.prometheus())))
          .flags(
              "--prometheus-timeout=2s",
              // A discovery that a cold start made miss the deadline is retried soon.
              "--metrics-relist-interval=2s",
              "--cache-ttl=0s");

  private static final Vertx vertx = Vertx.vertx();
  private static AdapterProcess staleAdapter;
  private static final AtomicLong queryDelayMillis = new AtomicLong();

  /** The URL of a proxy that holds query answers back for {@link #queryDelayMillis}. */
  private static String delayingProxyInFrontOf(RealPrometheus prometheus) throws Exception {
    PrometheusProxy proxy =
        PrometheusProxy.start(
            vertx,
            prometheus.url(),
            request -> delay(request, "/api/v1/query", queryDelayMillis.get()));
    return proxy.url() + "/";
  }

  @BeforeAll
  static void startStaleAdapter() throws Exception {
    staleAdapter = stack.startAdapter("--serve-stale-for=5m");
  }

  /** Forwards every request unchanged, those to {@code endpoint} after {@code millis}. */
  private static Future<Optional<String>> delay(
      HttpServerRequest request, String endpoint, long millis) {
    long delay = request.path().endsWith(endpoint) ? millis : 0;
    Promise<Optional<String>> forward = Promise.promise();
    vertx.setTimer(Math.max(1, delay), id -> forward.complete(Optional.of(request.uri())));
    return forward.future();
  }

  @AfterAll
  static void closeProxies() {
    Futures.await(vertx.close());
  }

  @Test
  void aQueryPastTheDeadlineIsAClear504AndRecoveryIsImmediate() throws Exception {
    assertEquals(200, stack.adapter().get(METRIC).statusCode());

    queryDelayMillis.set(TIMEOUT.multipliedBy(3).toMillis());
    long started = System.nanoTime();
    HttpResponse<String> slow = stack.adapter().get(METRIC);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertEquals(504, slow.statusCode(), slow.body());
    JsonObject status = new JsonObject(slow.body());
    assertEquals("Timeout", status.getString("reason"));
    assertEquals(
        "Prometheus /api/v1/query did not answer within 2000ms", status.getString("message"));
    assertTrue(took.compareTo(TIMEOUT.multipliedBy(2)) < 0, "answered after " + took);

    queryDelayMillis.set(0);
    HttpResponse<String> fast = stack.adapter().get(METRIC);
    assertEquals(200, fast.statusCode(), fast.body());

    for (String line : stack.adapter().log().lines().toList()) {
      assertTrue(
          line.matches("^\\d{4}-\\d\\d-\\d\\dT.*"),
          "one line per event, no library output or stack traces: " + line);
    }
  }

  @Test
  void withServeStaleForASlowPrometheusIsAnsweredWithTheLastGoodValueAndCounted() throws Exception {
    queryDelayMillis.set(0);
    HttpResponse<String> good = staleAdapter.get(METRIC);
    assertEquals(200, good.statusCode(), good.body());

    queryDelayMillis.set(TIMEOUT.multipliedBy(3).toMillis());
    HttpResponse<String> stale = staleAdapter.get(METRIC);
    queryDelayMillis.set(0);

    assertEquals(200, stale.statusCode(), stale.body());
    assertEquals(
        new JsonObject(good.body()).getJsonArray("items"),
        new JsonObject(stale.body()).getJsonArray("items"),
        "the last good value, with its own timestamp");
    String metrics = staleAdapter.get("/metrics").body();
    assertTrue(metrics.contains("metrics_adapter_stale_answers_total 1.0"), metrics);
    assertTrue(
        staleAdapter.log().contains("answering failed queries with results up to 5m0s old: "),
        staleAdapter.log());
  }

  @Test
  void discoveryWaitsForSeriesPastThePrometheusTimeout() throws Exception {
    long seriesDelay = TIMEOUT.multipliedBy(3).toMillis();
    PrometheusProxy slowSeries =
        PrometheusProxy.start(
            vertx,
            stack.prometheus().url(),
            request -> delay(request, "/api/v1/series", seriesDelay));
    // startAdapter waits for /readyz: with only --prometheus-timeout (2 s) as the deadline,
    // discovery would never finish and the adapter would never become ready.
    try (AdapterProcess patient =
        stack.startAdapter(
            "--prometheus-url=" + slowSeries.url() + "/", "--discovery-timeout=30s")) {
      HttpResponse<String> answer = patient.get(METRIC);
      assertEquals(200, answer.statusCode(), answer.body());
      assertFalse(patient.log().contains("failed"), patient.log());
    }
  }
}
