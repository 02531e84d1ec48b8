package dev.metricsadapter.prometheus;

import static dev.metricsadapter.testing.Futures.await;
import static dev.metricsadapter.testing.Futures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metricsadapter.failure.AdapterException.Kind;
import dev.metricsadapter.testing.RealPrometheus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Against a real Prometheus ({@code /usr/bin/prometheus}); skipped when it is not installed. */
class PrometheusServerIT {

  @TempDir static Path dir;
  private static RealPrometheus prometheus;
  private static Vertx vertx;
  private static URI url;

  @BeforeAll
  static void startPrometheus() throws IOException {
    assumeTrue(
        RealPrometheus.installed(), "Prometheus is not installed at " + RealPrometheus.BINARY);
    prometheus = RealPrometheus.start(dir, null);
    url = prometheus.url();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopPrometheus() {
    if (vertx != null) {
      await(vertx.close());
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  private static <T> T withClient(
      PrometheusClientOptions.Verb verb,
      java.util.function.Function<WebClientPrometheusClient, T> call) {
    WebClientPrometheusClient client =
        new WebClientPrometheusClient(vertx, PrometheusClientOptions.of(url).withVerb(verb));
    try {
      return call.apply(client);
    } finally {
      client.close();
    }
  }

  @ParameterizedTest
  @EnumSource(PrometheusClientOptions.Verb.class)
  void vectorAndScalar(PrometheusClientOptions.Verb verb) {
    Instant now = Instant.now();

    QueryResult vector = withClient(verb, c -> await(c.query("vector(1)", now)));
    QueryResult scalar = withClient(verb, c -> await(c.query("scalar(vector(2))", now)));

    assertEquals(
        new QueryResult(
            QueryResult.Type.VECTOR,
            List.of(
                new QueryResult.Sample(Map.of(), Instant.ofEpochMilli(now.toEpochMilli()), "1"))),
        vector);
    assertEquals(QueryResult.Type.SCALAR, scalar.type());
    assertEquals("2", scalar.samples().get(0).value());
  }

  @Test
  void seriesAnswersWithoutError() {
    List<Map<String, String>> series = new CopyOnWriteArrayList<>();

    withClient(
        PrometheusClientOptions.Verb.GET,
        c -> await(c.series("{__name__=~\".+\"}", Instant.now().minusSeconds(600), series::add)));

    series.forEach(labels -> assertTrue(labels.containsKey("__name__"), labels.toString()));
  }

  @Test
  void aBadQueryIsBadData() {
    PrometheusException failure =
        withClient(
            PrometheusClientOptions.Verb.GET,
            c -> prometheusFailure(c.query("sum(", Instant.now())));

    assertEquals(Kind.INTERNAL, failure.kind());
    assertEquals("bad_data", failure.errorType());
    assertEquals(400, failure.httpStatus());
  }

  private static PrometheusException prometheusFailure(Future<?> future) {
    return failure(future, PrometheusException.class);
  }
}
