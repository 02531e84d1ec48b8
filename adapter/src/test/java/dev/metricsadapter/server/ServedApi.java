package dev.metricsadapter.server;

import dev.metricsadapter.prometheus.PrometheusClient;
import dev.metricsadapter.provider.CustomMetricsService;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.provider.ExternalMetricsService;
import dev.metricsadapter.provider.SeriesObjectLister;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.testing.Futures;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The adapter's API router over one discovery snapshot and one Prometheus, served over plain HTTP
 * on a loopback ephemeral port of a Vert.x (closed with it), and requests to it. Wildcard requests
 * list their objects from Prometheus' series, as in standalone mode, without reuse.
 *
 * @param client the client requests go through
 * @param port the port the API is served on
 */
record ServedApi(WebClient client, int port) {

  /**
   * Serves custom and external metrics from {@code snapshot}, and metrics.k8s.io when {@code
   * resources} is given; {@code clock} tells the services the time, {@code ready} the readiness.
   */
  static ServedApi start(
      Vertx vertx,
      DiscoverySnapshot snapshot,
      PrometheusClient prometheus,
      Clock clock,
      Optional<ResourceMetricsApi> resources,
      boolean ready) {
    BuiltinResourceMapper mapper = new BuiltinResourceMapper();
    ApiRouter router =
        ApiRouter.of(
            new CustomMetricsService(
                () -> snapshot,
                mapper,
                new SeriesObjectLister(
                    vertx, prometheus, Duration.ofMinutes(1), Duration.ZERO, clock),
                prometheus,
                clock),
            new ExternalMetricsService(() -> snapshot, mapper, prometheus, clock),
            resources,
            () -> snapshot,
            () -> ready);
    int port =
        Futures.await(
                vertx
                    .createHttpServer()
                    .requestHandler(router.router(vertx))
                    .listen(0, "127.0.0.1"))
            .actualPort();
    return new ServedApi(WebClient.create(vertx), port);
  }

  /** The answer to {@code method} on {@code path} (query string included). */
  HttpResponse<Buffer> send(HttpMethod method, String path) {
    return Futures.await(client.request(method, port, "127.0.0.1", path).send());
  }

  /** The answer to a GET of {@code path} (query string included). */
  HttpResponse<Buffer> get(String path) {
    return send(HttpMethod.GET, path);
  }
}
