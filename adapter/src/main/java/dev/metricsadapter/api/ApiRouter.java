package dev.metricsadapter.api;

import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.provider.CustomMetricsService;
import dev.metricsadapter.provider.DiscoverySnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's HTTP surface: health endpoints, the {@code custom.metrics.k8s.io} discovery
 * documents (served from the catalog, never from Prometheus) and metric values in both versions.
 * Every failure becomes a Kubernetes {@code Status} body here and only here; unexpected exceptions
 * are logged and answered with a generic 500, never a stack trace.
 */
public final class ApiRouter {

  private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

  private final CustomMetricsService custom;
  private final Supplier<DiscoverySnapshot> snapshot;
  private final BooleanSupplier ready;

  /**
   * @param custom answers metric requests
   * @param snapshot the latest discovery, for discovery documents
   * @param ready whether the first discovery completed (for {@code /readyz})
   */
  public ApiRouter(
      CustomMetricsService custom, Supplier<DiscoverySnapshot> snapshot, BooleanSupplier ready) {
    this.custom = custom;
    this.snapshot = snapshot;
    this.ready = ready;
  }

  /** A router serving every path of the adapter. */
  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/healthz").handler(ctx -> text(ctx, 200, "ok"));
    router.get("/livez").handler(ctx -> text(ctx, 200, "ok"));
    router.get("/readyz").handler(this::readiness);
    router.route().handler(this::dispatch);
    router.route().failureHandler(this::failure);
    return router;
  }

  private void readiness(RoutingContext ctx) {
    if (ready.getAsBoolean()) {
      text(ctx, 200, "ok");
    } else {
      text(ctx, 503, "[-]discovery failed: the first metric discovery has not completed");
    }
  }

  private void dispatch(RoutingContext ctx) {
    if (ctx.request().method() != HttpMethod.GET) {
      status(
          ctx,
          405,
          "MethodNotAllowed",
          "the server does not allow this method on the requested resource");
      return;
    }
    List<String> path = PathSegments.of(ctx.request().path());
    if (path.equals(List.of("apis"))) {
      json(ctx, 200, WireFormat.apiGroupList());
    } else if (path.equals(List.of("apis", WireFormat.GROUP))) {
      json(ctx, 200, WireFormat.apiGroup());
    } else if (path.size() >= 3
        && path.get(0).equals("apis")
        && path.get(1).equals(WireFormat.GROUP)
        && WireFormat.VERSIONS.contains(path.get(2))) {
      customMetrics(ctx, path.get(2), path.subList(3, path.size()));
    } else {
      status(ctx, 404, "NotFound", "the server could not find the requested resource");
    }
  }

  private void customMetrics(RoutingContext ctx, String version, List<String> rest) {
    if (rest.isEmpty()) {
      json(ctx, 200, WireFormat.apiResourceList(version, snapshot.get().catalog()));
      return;
    }
    custom
        .values(
            CustomMetricsPath.parse(
                rest,
                ctx.request().getParam("labelSelector"),
                ctx.request().getParam("metricLabelSelector")))
        .onSuccess(values -> json(ctx, 200, WireFormat.metricValueList(version, values)))
        .onFailure(ctx::fail);
  }

  private void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof AdapterException known) {
      LOG.debug("{} {}: {}", ctx.request().method(), ctx.request().uri(), known.getMessage());
      switch (known.kind()) {
        case BAD_REQUEST -> status(ctx, 400, "BadRequest", known.getMessage());
        case FORBIDDEN -> status(ctx, 403, "Forbidden", known.getMessage());
        case NOT_FOUND -> status(ctx, 404, "NotFound", known.getMessage());
        case UNAVAILABLE -> status(ctx, 503, "ServiceUnavailable", known.getMessage());
        case TIMEOUT -> status(ctx, 504, "Timeout", known.getMessage());
        case INTERNAL -> {
          LOG.warn("{} {}: {}", ctx.request().method(), ctx.request().uri(), known.getMessage());
          status(ctx, 500, "InternalError", "Internal error occurred: " + known.getMessage());
        }
      }
      return;
    }
    if (failure == null) {
      status(
          ctx, ctx.statusCode(), "InternalError", "request failed with status " + ctx.statusCode());
      return;
    }
    LOG.error("{} {} failed unexpectedly", ctx.request().method(), ctx.request().uri(), failure);
    status(
        ctx,
        500,
        "InternalError",
        "Internal error occurred: unexpected failure; see the adapter's log");
  }

  private static void status(RoutingContext ctx, int code, String reason, String message) {
    json(ctx, code, WireFormat.status(code, reason, message));
  }

  private static void json(RoutingContext ctx, int code, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(code)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  private static void text(RoutingContext ctx, int code, String body) {
    ctx.response()
        .setStatusCode(code)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(body);
  }
}
