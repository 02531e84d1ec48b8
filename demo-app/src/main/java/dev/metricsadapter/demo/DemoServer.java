package dev.metricsadapter.demo;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import io.prometheus.client.exporter.common.TextFormat;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * The demo HTTP service.
 *
 * <ul>
 *   <li>{@code GET /} does simulated work: it answers after {@link ServerConfig#latency()} plus a
 *       random share of {@link ServerConfig#latencyJitter()}, waiting on a Vert.x timer (the event
 *       loop is never blocked).
 *   <li>{@code GET /api/items} answers a small JSON list, or 500 for a random {@link
 *       ServerConfig#errorRatio()} of requests.
 *   <li>{@code GET /healthz} answers {@code ok} (503 while shutting down).
 *   <li>{@code GET /metrics} exposes, in the Prometheus text format, {@code
 *       http_requests_total{method,path,code}}, {@code http_request_duration_seconds{method,path}}
 *       (histogram), {@code http_requests_in_flight} and whatever else is in the registry (JVM
 *       metrics in the real app). Scrapes themselves are not counted.
 * </ul>
 *
 * <p>Pod and namespace labels are deliberately absent: Prometheus target labels add them, as in a
 * real cluster. Unknown paths are counted as {@code path="other"} so that clients cannot create
 * unbounded series. The random source is injected so that tests are deterministic; it is called on
 * the event loop only.
 */
public final class DemoServer {

  /** Paths counted under their own name; any other path is counted as {@code other}. */
  static final Set<String> KNOWN_PATHS = Set.of("/", "/api/items", "/healthz");

  private static final JsonArray ITEMS =
      new JsonArray()
          .add(new JsonObject().put("id", 1).put("name", "apple"))
          .add(new JsonObject().put("id", 2).put("name", "banana"))
          .add(new JsonObject().put("id", 3).put("name", "cherry"));

  private final Vertx vertx;
  private final CollectorRegistry registry;
  private final ServerConfig config;
  private final DoubleSupplier random;
  private final Counter requests;
  private final Histogram duration;
  private final Gauge inFlightGauge;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;
  private volatile HttpServer server;

  /** A server with {@link ServerConfig#DEFAULTS} (no latency, no errors). */
  public DemoServer(Vertx vertx, CollectorRegistry registry) {
    this(vertx, registry, ServerConfig.DEFAULTS, () -> 0.5);
  }

  /**
   * @param random values in [0, 1); a request to {@code /api/items} fails when the value drawn is
   *     below the error ratio, and {@code /} waits {@code latency + value * jitter}
   */
  public DemoServer(
      Vertx vertx, CollectorRegistry registry, ServerConfig config, DoubleSupplier random) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.config = Objects.requireNonNull(config, "config");
    this.random = Objects.requireNonNull(random, "random");
    this.requests =
        Counter.build()
            .name("http_requests_total")
            .help("HTTP requests served, by method, path and status code.")
            .labelNames("method", "path", "code")
            .register(registry);
    this.duration =
        Histogram.build()
            .name("http_request_duration_seconds")
            .help("Time from receiving a request to the end of its response.")
            .labelNames("method", "path")
            .buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    this.inFlightGauge =
        Gauge.build()
            .name("http_requests_in_flight")
            .help("Requests received and not yet answered.")
            .register(registry);
    // Series that exist from the start make rate() see the first requests (a counter that appears
    // at 1 loses its first increment) and let the adapter discover the metric before any load.
    requests.labels("GET", "/", "200");
    requests.labels("GET", "/api/items", "200");
    requests.labels("GET", "/api/items", "500");
  }

  /** Starts listening; the future carries the actual port (useful when the port is 0). */
  public Future<Integer> listen() {
    return vertx
        .createHttpServer(new HttpServerOptions().setHost(config.bindAddress()))
        .requestHandler(router())
        .listen(config.port())
        .map(
            started -> {
              server = started;
              return started.actualPort();
            });
  }

  /** Requests received and not yet answered. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Graceful shutdown: new requests are answered 503 with {@code Connection: close}, requests in
   * flight may finish for at most {@code grace}, then the server is closed. Never fails because of
   * requests still in flight; callable from any thread.
   */
  public Future<Void> shutdown(Duration grace) {
    draining = true;
    Promise<Void> drained = Promise.promise();
    awaitDrained(drained, System.nanoTime() + grace.toNanos());
    HttpServer started = server;
    return drained
        .future()
        .compose(v -> started == null ? Future.succeededFuture() : started.close());
  }

  private void awaitDrained(Promise<Void> drained, long deadlineNanos) {
    if (inFlight.get() == 0 || System.nanoTime() - deadlineNanos >= 0) {
      drained.complete();
    } else {
      vertx.setTimer(10, id -> awaitDrained(drained, deadlineNanos));
    }
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(this::scrape);
    router.route().handler(this::track);
    router.get("/healthz").handler(ctx -> ctx.response().end("ok\n"));
    router.get("/").handler(this::work);
    router.get("/api/items").handler(this::items);
    return router;
  }

  private void track(RoutingContext ctx) {
    long start = System.nanoTime();
    String method = ctx.request().method().name();
    String path = KNOWN_PATHS.contains(ctx.request().path()) ? ctx.request().path() : "other";
    inFlight.incrementAndGet();
    inFlightGauge.inc();
    // Called once, when the response ends or the connection is lost.
    ctx.addEndHandler(
        ended -> {
          inFlight.decrementAndGet();
          inFlightGauge.dec();
          requests.labels(method, path, Integer.toString(ctx.response().getStatusCode())).inc();
          duration.labels(method, path).observe((System.nanoTime() - start) / 1e9);
        });
    if (draining) {
      ctx.response().setStatusCode(503).putHeader("Connection", "close").end("shutting down\n");
    } else {
      ctx.next();
    }
  }

  private void work(RoutingContext ctx) {
    long delayMillis =
        config.latency().toMillis()
            + Math.round(random.getAsDouble() * config.latencyJitter().toMillis());
    if (delayMillis <= 0) {
      ctx.response().end("hello from demo-app\n");
      return;
    }
    vertx.setTimer(
        delayMillis,
        id -> {
          if (!ctx.response().ended() && !ctx.response().closed()) {
            ctx.response().end("hello from demo-app\n");
          }
        });
  }

  private void items(RoutingContext ctx) {
    if (random.getAsDouble() < config.errorRatio()) {
      ctx.response()
          .setStatusCode(500)
          .putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", "simulated failure").encode());
    } else {
      ctx.response()
          .putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("items", ITEMS).encode());
    }
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
