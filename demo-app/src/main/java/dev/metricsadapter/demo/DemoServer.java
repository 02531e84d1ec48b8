package dev.metricsadapter.demo;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.exporter.common.TextFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The demo HTTP service: {@code /} answers a small text body, {@code /healthz} reports liveness and
 * {@code /metrics} exposes request counters in the Prometheus text format. Every request except the
 * scrape itself is counted in {@code http_requests_total{method,path,code}}. Pod and namespace
 * labels are deliberately absent: Prometheus target labels add them, as in a real cluster.
 */
public final class DemoServer {

  private final Vertx vertx;
  private final CollectorRegistry registry;
  private final Counter requests;

  public DemoServer(Vertx vertx, CollectorRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
    this.requests =
        Counter.build()
            .name("http_requests_total")
            .help("HTTP requests served, by method, path and status code.")
            .labelNames("method", "path", "code")
            .register(registry);
  }

  /** Starts listening; the future carries the actual port (useful when {@code port} is 0). */
  public Future<Integer> listen(int port) {
    return vertx
        .createHttpServer()
        .requestHandler(router())
        .listen(port)
        .map(HttpServer::actualPort);
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(this::scrape);
    router.route().handler(this::countWhenDone);
    router.get("/healthz").handler(ctx -> ctx.response().end("ok"));
    router.get("/").handler(ctx -> ctx.response().end("hello from demo-app\n"));
    return router;
  }

  private void countWhenDone(RoutingContext ctx) {
    String path = ctx.request().path();
    String method = ctx.request().method().name();
    ctx.addEndHandler(
        ended ->
            requests.labels(method, path, Integer.toString(ctx.response().getStatusCode())).inc());
    ctx.next();
  }

  private void scrape(RoutingContext ctx) {
    StringWriter body = new StringWriter();
    try {
      TextFormat.write004(body, registry.metricFamilySamples());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.response().putHeader("Content-Type", TextFormat.CONTENT_TYPE_004).end(body.toString());
  }
}
