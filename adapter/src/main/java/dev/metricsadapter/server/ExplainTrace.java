package dev.metricsadapter.server;

import dev.metricsadapter.prometheus.QueryResult;
import dev.metricsadapter.provider.QueryTrace;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link QueryTrace} that writes what it observes into the sections of an explanation: {@code
 * parsed}, {@code rule}, {@code objects} and {@code queries}, each query with its raw result in
 * Prometheus' own {@code data} format or the error it failed with. Confined to the event loop of
 * the explained request.
 */
final class ExplainTrace implements QueryTrace {

  private final JsonObject explanation;
  private final JsonArray queries = new JsonArray();
  private boolean matched;

  /** Writes into {@code explanation}. */
  ExplainTrace(JsonObject explanation) {
    this.explanation = explanation;
    explanation.put("queries", queries);
  }

  /** Whether a rule was found for the request. */
  boolean matched() {
    return matched;
  }

  @Override
  public void parsed(Map<String, String> fields) {
    explanation.put("parsed", ordered(fields));
  }

  @Override
  public void matched(String rule, Map<String, String> details) {
    matched = true;
    explanation.put("rule", new JsonObject().put("rule", rule).mergeIn(ordered(details)));
  }

  @Override
  public void objects(List<String> names) {
    explanation.put("objects", new JsonArray(List.copyOf(names)));
  }

  @Override
  public Future<QueryResult> query(String promql, Future<QueryResult> result) {
    JsonObject query = new JsonObject().put("promql", promql);
    queries.add(query);
    return result.andThen(
        done -> {
          if (done.succeeded()) {
            query.put("result", raw(done.result()));
          } else {
            query.put("error", String.valueOf(done.cause().getMessage()));
          }
        });
  }

  private static JsonObject ordered(Map<String, String> fields) {
    JsonObject json = new JsonObject();
    fields.forEach(json::put);
    return json;
  }

  /** The result as Prometheus' {@code data} object writes it. */
  static JsonObject raw(QueryResult result) {
    JsonObject data =
        new JsonObject().put("resultType", result.type().name().toLowerCase(Locale.ROOT));
    if (result.type() == QueryResult.Type.SCALAR && !result.samples().isEmpty()) {
      return data.put("result", point(result.samples().get(0)));
    }
    JsonArray series = new JsonArray();
    for (QueryResult.Sample sample : result.samples()) {
      series.add(
          new JsonObject()
              .put("metric", new JsonObject(new TreeMap<String, Object>(sample.labels())))
              .put("value", point(sample)));
    }
    return data.put("result", series);
  }

  private static JsonArray point(QueryResult.Sample sample) {
    BigDecimal seconds = BigDecimal.valueOf(sample.timestamp().toEpochMilli(), 3);
    return new JsonArray().add(seconds).add(sample.value());
  }
}
