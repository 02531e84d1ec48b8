package dev.metricsadapter.server;

import dev.metricsadapter.diagnostics.MissingMetricHints;
import dev.metricsadapter.diagnostics.RuleReportJson;
import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.failure.BadRequestException;
import dev.metricsadapter.request.RequestPath;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /debug/explain?path=<request path>[&labelSelector=...][&metricLabelSelector=...]}:
 * answers the metric request at {@code path} exactly as the API would and shows how: the request as
 * parsed, the rule and series that matched, the objects listed, each PromQL query with its raw
 * Prometheus result, and the response (code and body). When no rule serves the metric it adds
 * hints: where that name is served, the closest served names, and what every rule made of its
 * series. Selectors may also be written into {@code path} after a {@code ?}.
 *
 * <p>An explanation is produced whatever the explained request's outcome; only a missing or
 * non-metric {@code path} fails it (400). The endpoint is authorized as the explained request would
 * be ({@link #authorizedRequest}). Never blocks the calling event loop: hints are built on a
 * worker.
 */
public final class Explainer {

  /** The endpoint's path. */
  static final String PATH = "/debug/explain";

  private static final Logger LOG = LoggerFactory.getLogger(Explainer.class);
  private static final String EXAMPLE =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second";

  private final Vertx vertx;
  private final Function<String, Optional<ApiGroup>> groups;
  private final MissingMetricHints hints;

  /**
   * @param vertx runs the hints on a worker
   * @param groups the served API group of a given name
   * @param hints explains metrics that no rule serves
   */
  Explainer(Vertx vertx, Function<String, Optional<ApiGroup>> groups, MissingMetricHints hints) {
    this.vertx = vertx;
    this.groups = groups;
    this.hints = hints;
  }

  /**
   * The path whose access decides whether a request may be answered: for an explanation the
   * explained path (without its query), for anything else the request's own path.
   *
   * @throws dev.metricsadapter.failure.BadRequestException if the explained path is malformed
   */
  public static RequestPath authorizedRequest(RoutingContext ctx) {
    RequestPath own = RequestPath.of(ctx);
    String explained = own.raw().equals(PATH) ? ctx.request().getParam("path") : null;
    if (explained == null || explained.isEmpty()) {
      return own;
    }
    int query = explained.indexOf('?');
    return RequestPath.parse(query < 0 ? explained : explained.substring(0, query));
  }

  /**
   * Explains the request at {@code explained}.
   *
   * @param explained the request path, optionally followed by {@code ?} and a query string
   * @param params further parameters (selectors); they take precedence over those in the path
   * @return the explanation, or a future failed with a {@link BadRequestException} when {@code
   *     explained} is missing or not a metric request
   */
  public Future<JsonObject> explain(String explained, MultiMap params) {
    try {
      return start(explained, params);
    } catch (AdapterException invalid) {
      return Future.failedFuture(invalid);
    }
  }

  private Future<JsonObject> start(String explained, MultiMap own) {
    if (explained == null || explained.isEmpty()) {
      throw new BadRequestException("the path parameter is required, e.g. path=" + EXAMPLE);
    }
    int queryStart = explained.indexOf('?');
    String path = queryStart < 0 ? explained : explained.substring(0, queryStart);
    RequestPath parsed = RequestPath.parse(path);
    Optional<RequestPath.ApiResource> metricRequest =
        parsed.resource().filter(r -> parsed.underApis());
    Optional<ApiGroup> group =
        metricRequest.flatMap(
            r -> groups.apply(r.group()).filter(g -> g.versions().contains(r.version())));
    if (group.isEmpty()) {
      throw new BadRequestException(
          "path must be a metric request of a served API group and version, e.g. " + EXAMPLE);
    }
    MultiMap params = parameters(own, explained, queryStart);
    JsonObject explanation =
        new JsonObject()
            .put("path", path)
            .put("group", group.get().name())
            .put("version", metricRequest.get().version());
    ExplainTrace trace = new ExplainTrace(explanation);
    Future<Buffer> answer =
        group
            .get()
            .answer(
                metricRequest.get().version(), metricRequest.get().afterVersion(), params, trace);
    return answer.transform(
        outcome -> {
          KubeStatus failure = outcome.succeeded() ? null : status(explained, outcome);
          explanation.put(
              "response",
              failure == null
                  ? new JsonObject().put("code", 200).put("body", new JsonObject(outcome.result()))
                  : new JsonObject().put("code", failure.code()).put("body", failure.toJson()));
          boolean unknownMetric = failure != null && failure.code() == 404 && !trace.matched();
          return unknownMetric
              ? hints(group.get().name(), parsed.last())
                  .map(found -> explanation.put("hints", found))
              : Future.succeededFuture(explanation);
        });
  }

  /** The given parameters, then those written into the path, without "path". */
  private static MultiMap parameters(MultiMap own, String explained, int queryStart) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap().addAll(own).remove("path");
    if (queryStart >= 0) {
      new QueryStringDecoder(explained.substring(queryStart), false)
          .parameters()
          .forEach(
              (name, values) -> {
                if (!params.contains(name)) {
                  params.add(name, values);
                }
              });
    }
    return params;
  }

  private static KubeStatus status(String explained, AsyncResult<Buffer> outcome) {
    if (outcome.cause() instanceof AdapterException known) {
      return KubeStatus.of(known);
    }
    LOG.error("explaining {} failed unexpectedly", explained, outcome.cause());
    return KubeStatus.UNEXPECTED;
  }

  /** The hints for a metric no rule serves; a failure to build them is logged, not reported. */
  private Future<JsonObject> hints(String group, String metric) {
    boolean external = group.equals(ExternalMetricsApi.GROUP);
    return vertx
        .executeBlocking(() -> external ? hints.external(metric) : hints.custom(metric), false)
        .map(Explainer::json)
        .recover(
            failure -> {
              LOG.warn("cannot build hints for metric {}", metric, failure);
              return Future.succeededFuture(new JsonObject());
            });
  }

  private static JsonObject json(MissingMetricHints.Hints hints) {
    JsonArray rules = new JsonArray();
    hints.rules().forEach(rule -> rules.add(RuleReportJson.of(rule)));
    return new JsonObject()
        .put("servedFor", new JsonArray(hints.servedFor()))
        .put("closestMetrics", new JsonArray(hints.closest()))
        .put("rules", rules);
  }
}
