package dev.metricsadapter.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An HTTP server on a free loopback port in front of a Prometheus (a gateway, a slow network): each
 * request, body read, goes through a gate that either answers it itself or says which path and
 * query to forward it to; the upstream answer (status and body) goes back as JSON, a failed forward
 * as 502.
 */
public final class PrometheusProxy {

  private final WebClient upstream;
  private final URI target;
  private int port;

  private PrometheusProxy(WebClient upstream, URI target) {
    this.upstream = upstream;
    this.target = target;
  }

  /**
   * Starts the proxy.
   *
   * @param gate for each request: the upstream path and query to forward to, or empty once the gate
   *     has answered the request itself
   */
  public static PrometheusProxy start(
      Vertx vertx, URI target, Function<HttpServerRequest, Future<Optional<String>>> gate)
      throws Exception {
    PrometheusProxy proxy = new PrometheusProxy(WebClient.create(vertx), target);
    proxy.port =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body ->
                                gate.apply(request)
                                    .onSuccess(
                                        to ->
                                            to.ifPresent(
                                                uri -> proxy.forward(request, uri, body)))))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS)
            .actualPort();
    return proxy;
  }

  private void forward(HttpServerRequest request, String uri, Buffer body) {
    upstream
        .request(request.method(), target.getPort(), target.getHost(), uri)
        .putHeader(
            "Content-Type",
            Optional.ofNullable(request.getHeader("Content-Type")).orElse("text/plain"))
        .sendBuffer(body)
        .onSuccess(
            answer ->
                request
                    .response()
                    .setStatusCode(answer.statusCode())
                    .putHeader("Content-Type", "application/json")
                    .end(answer.bodyAsBuffer()))
        .onFailure(failure -> request.response().setStatusCode(502).end(failure.getMessage()));
  }

  /** The base URL, e.g. {@code http://127.0.0.1:39123}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }
}
