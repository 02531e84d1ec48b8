package dev.metricsadapter.server;

import static net.logstash.logback.argument.StructuredArguments.v;

import dev.metricsadapter.diagnostics.MissingMetricHints;
import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.failure.BadRequestException;
import dev.metricsadapter.observability.AdapterMetrics;
import dev.metricsadapter.provider.CustomMetricsService;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.provider.ExternalMetricsService;
import dev.metricsadapter.provider.QueryTrace;
import dev.metricsadapter.request.RequestPath;
import io.prometheus.client.exporter.common.TextFormat;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's HTTP surface: health endpoints, discovery documents for every served API group
 * (answered from memory, never from Prometheus), and each group's requests. Every failure becomes a
 * Kubernetes {@code Status} body here and only here; unexpected exceptions are logged and answered
 * with a generic 500, never a stack trace.
 */
public final class ApiRouter {

  private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

  /** No request runs longer; every backend call has a shorter deadline of its own. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final List<ApiGroup> groups;
  private final BooleanSupplier ready;
  private Optional<Handler<RoutingContext>> auth = Optional.empty();
  private Optional<AdapterMetrics> metrics = Optional.empty();
  private Supplier<Optional<String>> configProblem = Optional::empty;
  private Supplier<List<String>> failingRules = List::of;
  private Optional<MissingMetricHints> hints = Optional.empty();

  private ApiRouter(List<ApiGroup> groups, BooleanSupplier ready) {
    this.groups = List.copyOf(groups);
    this.ready = ready;
  }

  /**
   * Puts {@code handler} in front of every path (health endpoints included; its authorizer decides
   * which paths are always allowed).
   */
  public ApiRouter withAuth(Handler<RoutingContext> handler) {
    this.auth = Optional.of(handler);
    return this;
  }

  /**
   * The router for the custom and external metrics APIs; with {@code resources}, also the resource
   * metrics API and the {@link CoreApi} slice that {@code kubectl top} reads.
   *
   * @param snapshot the latest discovery, for discovery documents
   * @param ready whether the first discovery completed (for {@code /readyz})
   */
  public static ApiRouter of(
      CustomMetricsService custom,
      ExternalMetricsService external,
      Optional<ResourceMetricsApi> resources,
      Supplier<DiscoverySnapshot> snapshot,
      BooleanSupplier ready) {
    List<ApiGroup> groups = new ArrayList<>();
    groups.add(new CustomMetricsApi(custom, snapshot));
    groups.add(new ExternalMetricsApi(external, snapshot));
    resources.ifPresent(groups::add);
    return new ApiRouter(groups, ready);
  }

  /** Counts and times every request, and serves {@code /metrics} (behind the auth handler). */
  public ApiRouter withMetrics(AdapterMetrics adapterMetrics) {
    this.metrics = Optional.of(adapterMetrics);
    return this;
  }

  /**
   * Reports, in {@code /readyz?verbose}, a configuration problem that does not make the adapter
   * unready (e.g. a failed reload while the last good rules are served).
   */
  public ApiRouter withConfigStatus(Supplier<Optional<String>> problem) {
    this.configProblem = problem;
    return this;
  }

  /**
   * Lists, in {@code /readyz?verbose}, the rules whose seriesQuery fails (one line each, naming the
   * rule's {@code file:line}); they do not make a ready adapter unready.
   */
  public ApiRouter withFailingRules(Supplier<List<String>> rules) {
    this.failingRules = rules;
    return this;
  }

  /**
   * Serves {@code /debug/explain} (behind the auth handler, authorized as the explained request);
   * {@code hints} explain metrics that no rule serves.
   */
  public ApiRouter withExplain(MissingMetricHints missingMetricHints) {
    this.hints = Optional.of(missingMetricHints);
    return this;
  }

  /** An explainer over this router's API groups. */
  public Explainer explainer(Vertx vertx, MissingMetricHints missingMetricHints) {
    return new Explainer(vertx, this::group, missingMetricHints);
  }

  /** A router serving every path of the adapter. */
  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    if (LOG.isDebugEnabled()) {
      router.route().handler(ApiRouter::logAtDebug);
    }
    metrics.ifPresent(m -> router.route().handler(ctx -> measure(ctx, m)));
    router.route().handler(ApiRouter::requireWellFormedQuery);
    router.route().handler(RequestPath.parser());
    auth.ifPresent(handler -> router.route().handler(handler));
    metrics.ifPresent(m -> router.get("/metrics").handler(ctx -> scrape(ctx, m)));
    router.get("/healthz").handler(ctx -> Responses.text(ctx, 200, "ok"));
    router.get("/livez").handler(ctx -> Responses.text(ctx, 200, "ok"));
    router.get("/readyz").handler(this::readiness);
    router.route().handler(TimeoutHandler.create(REQUEST_TIMEOUT.toMillis(), 504));
    hints.ifPresent(
        h -> {
          Explainer explainer = explainer(vertx, h);
          router
              .get(Explainer.PATH)
              .handler(
                  ctx ->
                      explainer
                          .explain(ctx.request().getParam("path"), ctx.request().params())
                          .onSuccess(explanation -> Responses.json(ctx, 200, explanation))
                          .onFailure(ctx::fail));
        });
    router.route().handler(this::dispatch);
    router.route().failureHandler(this::failure);
    return router;
  }

  /** Decodes the query string once, so a malformed one is a 400 rather than a failure later. */
  private static void requireWellFormedQuery(RoutingContext ctx) {
    try {
      ctx.request().params();
    } catch (IllegalArgumentException malformed) {
      ctx.fail(new BadRequestException("malformed query string: " + malformed.getMessage()));
      return;
    }
    ctx.next();
  }

  private void readiness(RoutingContext ctx) {
    boolean isReady = ready.getAsBoolean();
    if (ctx.request().getParam("verbose") == null) {
      Responses.text(
          ctx,
          isReady ? 200 : 503,
          isReady ? "ok" : "[-]discovery failed: the first metric discovery has not completed");
      return;
    }
    List<String> failing = failingRules.get();
    StringBuilder body = new StringBuilder();
    if (!isReady) {
      body.append("[-]discovery failed: the first metric discovery has not completed\n");
    } else if (failing.isEmpty()) {
      body.append("[+]discovery ok\n");
    } else {
      body.append("[+]discovery ok (warning: failing rules: ").append(failing.size()).append(")\n");
    }
    failing.forEach(line -> body.append("    ").append(line).append('\n'));
    Optional<String> problem = configProblem.get();
    body.append(problem.map(p -> "[+]config ok (warning: " + p + ")\n").orElse("[+]config ok\n"));
    body.append(isReady ? "readyz check passed\n" : "readyz check failed\n");
    Responses.text(ctx, isReady ? 200 : 503, body.toString());
  }

  /** One debug line per answered request: method, path, status code and duration. */
  private static void logAtDebug(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addEndHandler(
        ended ->
            LOG.debug(
                "{} {} {} in {}s",
                v("method", ctx.request().method().name()),
                v("path", ctx.request().uri()),
                v("code", ctx.response().getStatusCode()),
                v("duration_seconds", (System.nanoTime() - started) / 1e9)));
    ctx.next();
  }

  private void measure(RoutingContext ctx, AdapterMetrics adapterMetrics) {
    long started = System.nanoTime();
    ctx.addEndHandler(
        ended -> {
          RequestLabels labels = RequestLabels.of(RequestPath.of(ctx), groups);
          adapterMetrics.apiRequest(
              labels.group(),
              labels.version(),
              labels.kind(),
              ctx.response().getStatusCode(),
              (System.nanoTime() - started) / 1e9);
        });
    ctx.next();
  }

  private static void scrape(RoutingContext ctx, AdapterMetrics adapterMetrics) {
    StringWriter body = new StringWriter();
    try {
      TextFormat.write004(body, adapterMetrics.registry().metricFamilySamples());
    } catch (IOException e) {
      ctx.fail(e);
      return;
    }
    ctx.response().putHeader("Content-Type", TextFormat.CONTENT_TYPE_004).end(body.toString());
  }

  private void dispatch(RoutingContext ctx) {
    if (ctx.request().method() != HttpMethod.GET) {
      ctx.fail(new MethodNotAllowedException());
      return;
    }
    RequestPath path = RequestPath.of(ctx);
    if (path.underCoreApi() && group(ResourceMetricsApi.GROUP).isPresent()) {
      Responses.json(ctx, 200, CoreApi.answer(path.segments()));
      return;
    }
    if (path.segments().equals(List.of("apis"))) {
      Responses.json(ctx, 200, DiscoveryDocuments.apiGroupList(groups));
      return;
    }
    Optional<ApiGroup> group = path.group().flatMap(this::group);
    Optional<String> version = path.version();
    if (group.isEmpty() || version.filter(v -> !group.get().versions().contains(v)).isPresent()) {
      ctx.fail(new PathNotFoundException());
    } else if (version.isEmpty()) {
      Responses.json(ctx, 200, DiscoveryDocuments.apiGroup(group.get()));
    } else if (path.resource().isEmpty()) {
      Responses.json(ctx, 200, DiscoveryDocuments.apiResourceList(group.get(), version.get()));
    } else {
      group
          .get()
          .answer(
              version.get(),
              path.resource().get().afterVersion(),
              ctx.request().params(),
              QueryTrace.NONE)
          .onSuccess(body -> Responses.json(ctx, 200, body))
          .onFailure(ctx::fail);
    }
  }

  private Optional<ApiGroup> group(String name) {
    return groups.stream().filter(g -> g.name().equals(name)).findFirst();
  }

  private void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof AdapterException known) {
      KubeStatus status = KubeStatus.of(known);
      if (status.code() == 500) {
        LOG.warn(
            "{} {} {}: {}",
            v("method", ctx.request().method().name()),
            v("path", ctx.request().uri()),
            v("code", status.code()),
            known.logDetail());
      } else {
        LOG.debug(
            "{} {} {}: {}",
            v("method", ctx.request().method().name()),
            v("path", ctx.request().uri()),
            v("code", status.code()),
            known.getMessage());
      }
      known
          .retryAfter()
          .ifPresent(
              wait ->
                  ctx.response()
                      .putHeader("Retry-After", String.valueOf(Math.max(1, wait.toSeconds()))));
      Responses.status(ctx, status);
      return;
    }
    if (failure == null || (ctx.statusCode() >= 400 && ctx.statusCode() < 500)) {
      // Vert.x Web itself refused the request (a missing Host header, an unsupported media type):
      // its status stands, with a Status body instead of its plain text.
      int code = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      Responses.status(
          ctx,
          KubeStatus.ofCode(
              code,
              failure == null
                  ? "request failed with status " + code
                  : "bad request: " + failure.getMessage()));
      return;
    }
    LOG.error(
        "{} {} failed unexpectedly",
        v("method", ctx.request().method().name()),
        v("path", ctx.request().uri()),
        failure);
    Responses.status(ctx, KubeStatus.UNEXPECTED);
  }
}
