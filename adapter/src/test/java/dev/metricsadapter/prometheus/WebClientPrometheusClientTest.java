package dev.metricsadapter.prometheus;

import static dev.metricsadapter.testing.Futures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.prometheus.PrometheusClientOptions.Verb;
import dev.metricsadapter.prometheus.QueryResult.Sample;
import dev.metricsadapter.testing.FakePrometheus;
import dev.metricsadapter.testing.FakePrometheus.Recorded;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the client sends, against a fake Prometheus on loopback. */
@ExtendWith(VertxExtension.class)
class WebClientPrometheusClientTest {

  static final String SERIES_ANSWER =
      "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"pod\":\"web-1\"},"
          + "{\"__name__\":\"up\",\"pod\":\"web-2\"}]}";
  static final String VECTOR_ANSWER =
      "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
          + "{\"metric\":{\"pod\":\"web-1\"},\"value\":[1712345678.901,\"12.5\"]}]}}";
  private static final Instant TIME = Instant.ofEpochMilli(1712345678901L);

  private Vertx vertx;
  private FakePrometheus prometheus;
  @RegisterExtension final OpenedClients clients = new OpenedClients();

  @BeforeEach
  void startPrometheus(Vertx vertx) {
    this.vertx = vertx;
    prometheus = FakePrometheus.start(vertx);
  }

  private WebClientPrometheusClient client(PrometheusClientOptions options) {
    return clients.open(new WebClientPrometheusClient(vertx, options, Duration.ofMillis(50)));
  }

  private PrometheusClientOptions options(String pathAndQuery) {
    return PrometheusClientOptions.of(prometheus.url(pathAndQuery));
  }

  @Test
  void seriesIsAGetWithPrefixBaseQueryMatchAndStart() {
    prometheus.respond(200, SERIES_ANSWER);
    List<Map<String, String>> series = new CopyOnWriteArrayList<>();

    await(
        client(options("/prometheus?tenant=a"))
            .series("{__name__=~\"^up$\",pod!=\"\"}", TIME, series::add));

    Recorded request = prometheus.last();
    assertEquals(HttpMethod.GET, request.method());
    assertEquals("/prometheus/api/v1/series", request.path());
    assertEquals("a", request.query().get("tenant"));
    assertEquals(List.of("{__name__=~\"^up$\",pod!=\"\"}"), request.query().getAll("match[]"));
    assertEquals("1712345678.901", request.query().get("start"));
    assertFalse(request.query().contains("end"));
    assertEquals(
        List.of(Map.of("__name__", "up", "pod", "web-1"), Map.of("__name__", "up", "pod", "web-2")),
        series);
  }

  @Test
  void querySendsQueryTimeAndTimeoutAndParsesTheVector() {
    prometheus.respond(200, VECTOR_ANSWER);

    QueryResult result = await(client(options("/prom/")).query("sum(up) by (pod)", TIME));

    Recorded request = prometheus.last();
    assertEquals(HttpMethod.GET, request.method());
    assertEquals("/prom/api/v1/query", request.path());
    assertEquals("sum(up) by (pod)", request.query().get("query"));
    assertEquals("1712345678.901", request.query().get("time"));
    assertEquals("9500ms", request.query().get("timeout"));
    assertEquals(
        new QueryResult(
            QueryResult.Type.VECTOR, List.of(new Sample(Map.of("pod", "web-1"), TIME, "12.5"))),
        result);
  }

  @Test
  void asManyCallsRunAtOnceAsTheConnectionBoundAllows() {
    int calls = 12;
    List<HttpServerRequest> held = new ArrayList<>();
    prometheus.respond(
        request -> {
          synchronized (held) {
            held.add(request);
            if (held.size() == calls) {
              held.forEach(r -> answer(r, VECTOR_ANSWER));
            }
          }
        });
    WebClientPrometheusClient client = client(options("").withMaxConnections(calls));

    List<Future<QueryResult>> results =
        IntStream.range(0, calls).mapToObj(i -> client.query("up", TIME)).toList();

    await(Future.all(results));
  }

  @Test
  void neverOpensMoreConnectionsThanTheBound() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    prometheus.respond(
        request -> {
          mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          vertx.setTimer(
              20,
              id -> {
                inFlight.decrementAndGet();
                answer(request, VECTOR_ANSWER);
              });
        });
    WebClientPrometheusClient client = client(options("").withMaxConnections(2));

    List<Future<QueryResult>> results =
        IntStream.range(0, 8).mapToObj(i -> client.query("up", TIME)).toList();

    await(Future.all(results));
    assertEquals(8, prometheus.requests().size());
    assertTrue(mostInFlight.get() <= 2, "in flight at once: " + mostInFlight.get());
  }

  private static void answer(HttpServerRequest request, String body) {
    request.response().putHeader("Content-Type", "application/json").end(body);
  }

  @Test
  void queryAnswersAreAskedForUncompressedAndSeriesAnswersMayComeGzipped() {
    prometheus.respond(200, VECTOR_ANSWER);
    WebClientPrometheusClient client = client(options(""));

    await(client.query("up", TIME));
    assertEquals("identity", prometheus.last().headers().get("Accept-Encoding"));

    prometheus.respond(200, SERIES_ANSWER);
    await(client.series("up", TIME, series -> {}));
    assertTrue(
        prometheus.last().headers().get("Accept-Encoding").contains("gzip"),
        prometheus.last().headers().get("Accept-Encoding"));
  }

  @Test
  void aConfiguredAcceptEncodingHeaderWins() {
    prometheus.respond(200, VECTOR_ANSWER);

    await(
        client(options("").withHeaders(List.of(Map.entry("Accept-Encoding", "gzip"))))
            .query("up", TIME));

    assertEquals(List.of("gzip"), prometheus.last().headers().getAll("Accept-Encoding"));
  }

  @Test
  void timeoutParameterFollowsTheConfiguredDeadline() {
    prometheus.respond(200, VECTOR_ANSWER);

    await(client(options("").withTimeout(Duration.ofSeconds(3))).query("up", TIME));

    assertEquals("2850ms", prometheus.last().param("timeout"));
  }

  @Test
  void scalarQuery() {
    prometheus.respond(
        200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1712345678.901,\"2\"]}}");

    QueryResult result = await(client(options("")).query("scalar(2)", TIME));

    assertEquals(
        new QueryResult(QueryResult.Type.SCALAR, List.of(new Sample(Map.of(), TIME, "2"))), result);
  }

  @Test
  void postVerbSendsAFormAndKeepsTheBaseQueryInTheUrl() {
    prometheus.respond(200, VECTOR_ANSWER);

    await(client(options("/prometheus?tenant=a").withVerb(Verb.POST)).query("up", TIME));
    prometheus.respond(200, SERIES_ANSWER);
    await(client(options("/prometheus?tenant=a").withVerb(Verb.POST)).series("up", TIME, s -> {}));

    Recorded query = prometheus.requests().get(0);
    assertEquals(HttpMethod.POST, query.method());
    assertEquals("/prometheus/api/v1/query", query.path());
    assertEquals("tenant=a", query.rawQuery());
    assertTrue(query.headers().get("Content-Type").startsWith("application/x-www-form-urlencoded"));
    assertEquals("up", query.form().get("query"));
    assertEquals("1712345678.901", query.form().get("time"));
    assertEquals("9500ms", query.form().get("timeout"));
    Recorded series = prometheus.requests().get(1);
    assertEquals(HttpMethod.POST, series.method());
    assertEquals("tenant=a", series.rawQuery());
    assertEquals("up", series.form().get("match[]"));
    assertEquals("1712345678.901", series.form().get("start"));
  }

  @Test
  void longQueriesSwitchToPostAutomatically() {
    prometheus.respond(200, VECTOR_ANSWER);
    String pods =
        IntStream.range(0, 2000).mapToObj(i -> "web-" + i).collect(Collectors.joining("|"));
    String promql =
        "sum(rate(http_requests_total{namespace=\"demo\",pod=~\"" + pods + "\"}[2m])) by (pod)";
    assertTrue(promql.length() > RequestBuilder.MAX_GET_URL_LENGTH);

    await(client(options("/prometheus?tenant=a")).query(promql, TIME));
    await(client(options("/prometheus?tenant=a")).query("up", TIME));

    Recorded longOne = prometheus.requests().get(0);
    assertEquals(HttpMethod.POST, longOne.method());
    assertEquals("tenant=a", longOne.rawQuery());
    assertEquals(promql, longOne.form().get("query"));
    assertEquals(HttpMethod.GET, prometheus.requests().get(1).method());
  }

  @Test
  void configuredHeadersAreSentOnEveryCall() {
    prometheus.respond(200, VECTOR_ANSWER);
    WebClientPrometheusClient client =
        client(
            options("")
                .withHeaders(
                    List.of(
                        Map.entry("X-Scope-OrgID", "tenant-1"),
                        Map.entry("X-Extra", "a"),
                        Map.entry("X-Extra", "b"))));

    await(client.query("up", TIME));
    prometheus.respond(200, SERIES_ANSWER);
    await(client.series("up", TIME, s -> {}));

    for (Recorded request : prometheus.requests()) {
      assertEquals("tenant-1", request.headers().get("X-Scope-OrgID"));
      assertEquals(List.of("a", "b"), request.headers().getAll("X-Extra"));
      assertNull(request.headers().get("Authorization"));
    }
  }

  @Test
  void bearerTokenIsSentAndFollowsTheTokenFile(@TempDir Path dir) throws IOException {
    prometheus.respond(200, VECTOR_ANSWER);
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, "first-token\n");
    WebClientPrometheusClient client = client(options("").withTokenFile(tokenFile));

    await(client.query("up", TIME));
    assertEquals("Bearer first-token", prometheus.last().headers().get("Authorization"));

    Path next = dir.resolve("token.next");
    Files.writeString(next, "second-token");
    Files.move(next, tokenFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String seen;
    do {
      await(client.query("up", TIME));
      seen = prometheus.last().headers().get("Authorization");
    } while (!seen.equals("Bearer second-token") && System.nanoTime() < deadline);
    assertEquals("Bearer second-token", seen);
  }
}
