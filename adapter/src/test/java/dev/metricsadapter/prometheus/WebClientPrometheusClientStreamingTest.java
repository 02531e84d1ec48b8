package dev.metricsadapter.prometheus;

import static dev.metricsadapter.testing.Futures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.testing.FakePrometheus;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Series answers are parsed while they arrive. */
@ExtendWith(VertxExtension.class)
class WebClientPrometheusClientStreamingTest {

  private static final Instant START = Instant.ofEpochSecond(1712345678);

  private FakePrometheus prometheus;
  private WebClientPrometheusClient client;

  @BeforeEach
  void start(Vertx vertx) {
    prometheus = FakePrometheus.start(vertx);
    client = new WebClientPrometheusClient(vertx, PrometheusClientOptions.of(prometheus.url("")));
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static String seriesJson(int i) {
    return "{\"__name__\":\"http_requests_total\",\"namespace\":\"demo\",\"pod\":\"web-"
        + i
        + "\",\"code\":\"200\"}";
  }

  private static Map<String, String> series(int i) {
    return Map.of(
        "__name__", "http_requests_total", "namespace", "demo", "pod", "web-" + i, "code", "200");
  }

  private static byte[] answer(int count) {
    StringBuilder body = new StringBuilder("{\"status\":\"success\",\"data\":[");
    for (int i = 0; i < count; i++) {
      body.append(i == 0 ? "" : ",").append(seriesJson(i));
    }
    return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Writes {@code body} in chunks of {@code size} bytes, each flushed on its own. */
  private static void writeInChunks(HttpServerResponse response, byte[] body, int size) {
    response.setChunked(true).setStatusCode(200).putHeader("Content-Type", "application/json");
    for (int from = 0; from < body.length; from += size) {
      response.write(Buffer.buffer().appendBytes(body, from, Math.min(size, body.length - from)));
    }
    response.end();
  }

  @Test
  void manySmallChunks() {
    byte[] body = answer(500);
    prometheus.respond(request -> writeInChunks(request.response(), body, 7));
    List<Map<String, String>> delivered = new ArrayList<>();

    await(client.series("up", START, delivered::add));

    List<Map<String, String>> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      expected.add(series(i));
    }
    assertEquals(expected, delivered);
  }

  @Test
  void theFirstSeriesArrivesBeforeTheAnswerIsComplete() {
    Promise<Void> firstSeen = Promise.promise();
    prometheus.respond(
        request -> {
          HttpServerResponse response = request.response().setChunked(true).setStatusCode(200);
          response.write("{\"status\":\"success\",\"data\":[" + seriesJson(0) + ",");
          // The rest is only sent once the client delivered the first series: a client that
          // buffered the whole body would never see it and time out.
          firstSeen.future().onComplete(v -> response.end(seriesJson(1) + "]}"));
        });
    List<Map<String, String>> delivered = new ArrayList<>();

    await(
        client.series(
            "up",
            START,
            s -> {
              delivered.add(s);
              firstSeen.tryComplete();
            }));

    assertEquals(List.of(series(0), series(1)), delivered);
  }

  @Test
  void aHundredThousandSeries() {
    byte[] body = answer(100_000);
    prometheus.respond(request -> writeInChunks(request.response(), body, 16 * 1024));
    AtomicLong count = new AtomicLong();
    AtomicReference<Map<String, String>> last = new AtomicReference<>();

    await(
        client.series(
            "up",
            START,
            s -> {
              count.incrementAndGet();
              last.set(s);
            }));

    assertEquals(100_000, count.get());
    assertEquals(series(99_999), last.get());
  }
}
