package dev.metricsadapter.diagnostics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One rule's discovery outcome as JSON, the same in {@code check --output=json} and in explain
 * hints: {@code {"rule","seriesQuery","seriesMatched","seriesKept","metrics":
 * [{"name","resource","namespaced","served"}],"dropped": [{"reason","count","examples"}],
 * "notServed": [...]}}.
 */
public final class RuleReportJson {

  private RuleReportJson() {}

  /** The JSON form of {@code rule}. */
  public static JsonObject of(DiscoveryReport.RuleReport rule) {
    JsonArray metrics = new JsonArray();
    for (DiscoveryReport.Metric metric : rule.metrics()) {
      metrics.add(
          new JsonObject()
              .put("name", metric.name())
              .put("resource", metric.resource().map(Object::toString).orElse(null))
              .put("namespaced", metric.namespaced())
              .put("served", metric.served()));
    }
    return new JsonObject()
        .put("rule", rule.rule())
        .put("seriesQuery", rule.seriesQuery())
        .put("seriesMatched", rule.seriesMatched())
        .put("seriesKept", rule.seriesKept())
        .put("metrics", metrics)
        .put("dropped", drops(rule.dropped()))
        .put("notServed", drops(rule.unserved()));
  }

  private static JsonArray drops(List<DiscoveryReport.Drop> drops) {
    JsonArray array = new JsonArray();
    for (DiscoveryReport.Drop drop : drops) {
      array.add(
          new JsonObject()
              .put("reason", drop.reason())
              .put("count", drop.count())
              .put("examples", new JsonArray(List.copyOf(drop.examples()))));
    }
    return array;
  }
}
