package dev.metricsadapter.prometheus;

import static dev.metricsadapter.testing.Futures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.failure.AdapterException.Kind;
import dev.metricsadapter.testing.FakePrometheus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a call can fail, on both endpoints. */
@ExtendWith(VertxExtension.class)
class WebClientPrometheusClientFailureTest {

  private static final Instant TIME = Instant.ofEpochSecond(1712345678);

  private Vertx vertx;
  private FakePrometheus prometheus;
  @RegisterExtension final OpenedClients clients = new OpenedClients();

  @BeforeEach
  void startPrometheus(Vertx vertx) {
    this.vertx = vertx;
    prometheus = FakePrometheus.start(vertx);
  }

  private WebClientPrometheusClient client(URI url, Duration timeout) {
    return clients.open(
        new WebClientPrometheusClient(vertx, PrometheusClientOptions.of(url).withTimeout(timeout)));
  }

  private WebClientPrometheusClient client() {
    return client(prometheus.url("/prometheus"), Duration.ofSeconds(5));
  }

  /** A call of either endpoint. */
  static Stream<Named<Function<PrometheusClient, Future<?>>>> endpoints() {
    return Stream.of(
        Named.of("series", c -> c.series("up", TIME, s -> {})),
        Named.of("query", c -> c.query("up", TIME)));
  }

  private static String error(String type, String message) {
    return "{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\"" + message + "\"}";
  }

  static Stream<Arguments> apiErrors() {
    return endpoints()
        .flatMap(
            endpoint ->
                Stream.of(
                    Arguments.of(endpoint, 400, "bad_data", Kind.INTERNAL),
                    Arguments.of(endpoint, 422, "execution", Kind.INTERNAL),
                    Arguments.of(endpoint, 503, "unavailable", Kind.UNAVAILABLE),
                    Arguments.of(endpoint, 503, "timeout", Kind.TIMEOUT),
                    Arguments.of(endpoint, 500, "internal", Kind.INTERNAL),
                    Arguments.of(endpoint, 200, "bad_data", Kind.INTERNAL)));
  }

  @ParameterizedTest(name = "{0}: HTTP {1} {2} -> {3}")
  @MethodSource("apiErrors")
  void prometheusErrorJsonBecomesApiError(
      Function<PrometheusClient, Future<?>> call, int status, String errorType, Kind kind) {
    prometheus.respond(status, error(errorType, "1:5: parse error: unexpected \\\"}\\\""));

    PrometheusException failure = prometheusFailure(call.apply(client()));

    assertEquals(kind, failure.kind());
    assertEquals(errorType, failure.errorType());
    assertEquals(status, failure.httpStatus());
    assertTrue(
        failure.getMessage().contains(errorType + ": 1:5: parse error: unexpected \"}\""),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("/api/v1/"), failure.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void proxyErrorPageBecomesHttpErrorWithASnippet(Function<PrometheusClient, Future<?>> call) {
    prometheus.respond(
        request ->
            request
                .response()
                .setStatusCode(502)
                .putHeader("Content-Type", "text/html")
                .end(
                    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                        + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
                        + "</body>\r\n</html>\r\n"
                        + "<!-- padding -->".repeat(200)));

    PrometheusException failure = prometheusFailure(call.apply(client()));

    assertEquals(Kind.UNAVAILABLE, failure.kind());
    assertEquals(502, failure.httpStatus());
    assertEquals("", failure.errorType());
    assertTrue(
        failure.getMessage().contains("HTTP 502: 502 Bad Gateway 502 Bad Gateway nginx"),
        failure.getMessage());
    assertFalse(failure.getMessage().contains("<"), failure.getMessage());
    assertTrue(failure.getMessage().length() < 300, failure.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void otherStatusesWithoutErrorJson(Function<PrometheusClient, Future<?>> call) {
    prometheus.respond(404, "404 page not found\n");

    PrometheusException failure = prometheusFailure(call.apply(client()));

    assertEquals(Kind.INTERNAL, failure.kind());
    assertTrue(
        failure.getMessage().endsWith("answered HTTP 404: 404 page not found"),
        failure.getMessage());
  }

  static Stream<Arguments> malformedAnswers() {
    return endpoints()
        .flatMap(
            endpoint ->
                Stream.of(
                        "not json",
                        "{\"status\":\"success\",\"data\":[{\"a\"",
                        "{\"status\":\"success\"}",
                        "",
                        "[1,2]",
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"nope\",\"result\":[]}}")
                    .map(body -> Arguments.of(endpoint, body)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformedAnswers")
  void unparseableAnswersAreMalformed(Function<PrometheusClient, Future<?>> call, String body) {
    prometheus.respond(200, body);

    PrometheusException failure = prometheusFailure(call.apply(client()));

    assertEquals(Kind.INTERNAL, failure.kind());
    assertTrue(failure.getMessage().contains("unreadable answer"), failure.getMessage());
  }

  @Test
  void aFiftyMegabyteQueryAnswerFailsCleanlyAtTheSizeLimit() {
    String sample = "{\"metric\":{\"pod\":\"p\"},\"value\":[1,\"1\"]},";
    StringBuilder body =
        new StringBuilder(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
    while (body.length() < 50 * 1024 * 1024) {
      body.append(sample);
    }
    body.setLength(body.length() - 1);
    body.append("]}}");
    prometheus.respond(200, body.toString());

    PrometheusException failure = prometheusFailure(client().query("up", TIME));

    assertEquals(Kind.INTERNAL, failure.kind());
    assertTrue(
        failure
            .getMessage()
            .contains("larger than " + WebClientPrometheusClient.MAX_QUERY_BODY + " bytes"),
        failure.getMessage());
  }

  @Test
  void aFiftyMegabyteSeriesAnswerIsStreamedThrough() throws Exception {
    String series = "{\"__name__\":\"up\",\"pod\":\"p\",\"namespace\":\"n\"},";
    StringBuilder body = new StringBuilder("{\"status\":\"success\",\"data\":[");
    long count = 0;
    while (body.length() < 50 * 1024 * 1024) {
      body.append(series);
      count++;
    }
    body.setLength(body.length() - 1);
    body.append("]}");
    prometheus.respond(200, body.toString());
    AtomicLong delivered = new AtomicLong();

    // A deadline that no machine misses: this checks streaming, not speed.
    client(prometheus.url("/prometheus"), Duration.ofMinutes(2))
        .series("up", TIME, labels -> delivered.incrementAndGet())
        .toCompletionStage()
        .toCompletableFuture()
        .get(3, TimeUnit.MINUTES);

    assertEquals(count, delivered.get());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void aServerThatNeverAnswersHitsTheDeadline(Function<PrometheusClient, Future<?>> call) {
    prometheus.respond(request -> {});
    long started = System.nanoTime();

    PrometheusException failure =
        prometheusFailure(call.apply(client(prometheus.url(""), Duration.ofMillis(300))));

    assertEquals(Kind.TIMEOUT, failure.kind());
    assertTrue(failure.getMessage().contains("did not answer within 300ms"), failure.getMessage());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5000);
  }

  @Test
  void aServerThatTricklesBytesHitsTheDeadline() {
    AtomicInteger serverWrites = new AtomicInteger();
    prometheus.respond(
        request -> {
          request
              .response()
              .setChunked(true)
              .setStatusCode(200)
              .write("{\"status\":\"success\",\"data\":[");
          long timer =
              vertx.setPeriodic(
                  20,
                  id -> {
                    request.response().write("{\"a\":\"b\"},");
                    serverWrites.incrementAndGet();
                  });
          request.connection().closeHandler(v -> vertx.cancelTimer(timer));
        });
    AtomicInteger delivered = new AtomicInteger();
    long started = System.nanoTime();

    PrometheusException failure =
        prometheusFailure(
            client(prometheus.url(""), Duration.ofMillis(500))
                .series("up", TIME, s -> delivered.incrementAndGet()));

    assertEquals(Kind.TIMEOUT, failure.kind());
    assertTrue(delivered.get() > 0);
    // No series reach the sink once the call failed.
    int atFailure = delivered.get();
    int written = serverWrites.get();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (serverWrites.get() < written + 10 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(serverWrites.get() >= written + 10);
    assertEquals(atFailure, delivered.get());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5000);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void aClosedPortIsUnavailable(Function<PrometheusClient, Future<?>> call) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    PrometheusException failure =
        prometheusFailure(
            call.apply(client(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5))));

    assertEquals(Kind.UNAVAILABLE, failure.kind());
    assertTrue(failure.getMessage().contains("is unreachable"), failure.getMessage());
  }

  @Test
  void aFailingSinkFailsTheCallWithItsException() {
    prometheus.respond(200, WebClientPrometheusClientTest.SERIES_ANSWER);
    IllegalStateException boom = new IllegalStateException("boom");

    Throwable failure =
        failure(
            client()
                .series(
                    "up",
                    TIME,
                    s -> {
                      throw boom;
                    }));

    assertSame(boom, failure);
  }

  private static PrometheusException prometheusFailure(Future<?> future) {
    return failure(future, PrometheusException.class);
  }
}
