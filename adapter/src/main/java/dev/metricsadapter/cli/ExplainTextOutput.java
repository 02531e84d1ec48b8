package dev.metricsadapter.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code explain}'s text output: one labelled block per step of the explanation document (see
 * {@link dev.metricsadapter.server.Explainer}), in the order the adapter takes them, and the
 * response body as indented JSON.
 */
final class ExplainTextOutput {

  private static final String INDENT = "    ";

  /** Metrics listed per rule in hints. */
  private static final int MAX_METRICS = 20;

  private ExplainTextOutput() {}

  static void write(JsonObject explanation, PrintWriter out) {
    out.printf(
        "request:  GET %s (%s/%s)%n",
        explanation.getString("path"),
        explanation.getString("group"),
        explanation.getString("version"));
    JsonObject parsed = explanation.getJsonObject("parsed");
    if (parsed != null) {
      out.println("parsed:   " + fields(parsed));
    }
    JsonObject rule = explanation.getJsonObject("rule");
    if (rule == null) {
      out.println("rule:     none serves this metric");
    } else {
      out.println("rule:     " + rule.getString("rule"));
      rule.forEach(
          field -> {
            if (!field.getKey().equals("rule")) {
              out.println(INDENT + field.getKey() + ": " + field.getValue());
            }
          });
    }
    JsonArray objects = explanation.getJsonArray("objects");
    if (objects != null) {
      out.println(
          "objects:  "
              + (objects.isEmpty()
                  ? "none"
                  : objects.stream().map(Object::toString).collect(Collectors.joining(", "))));
    }
    JsonArray queries = explanation.getJsonArray("queries", new JsonArray());
    for (int i = 0; i < queries.size(); i++) {
      query(queries.getJsonObject(i), out);
    }
    JsonObject response = explanation.getJsonObject("response");
    out.println("response: " + response.getInteger("code"));
    out.println(indented(response.getJsonObject("body").encodePrettily()));
    JsonObject hints = explanation.getJsonObject("hints");
    if (hints != null) {
      hints(hints, out);
    }
  }

  private static void query(JsonObject query, PrintWriter out) {
    out.println("promql:   " + query.getString("promql"));
    JsonObject result = query.getJsonObject("result");
    if (result == null) {
      out.println(INDENT + "failed: " + query.getString("error", "no answer"));
      return;
    }
    Object data = result.getValue("result");
    if (!(data instanceof JsonArray series) || result.getString("resultType").equals("scalar")) {
      out.println(INDENT + result.getString("resultType") + ": " + data);
      return;
    }
    out.println(INDENT + result.getString("resultType") + ", " + series.size() + " series");
    for (int i = 0; i < series.size(); i++) {
      JsonObject one = series.getJsonObject(i);
      JsonArray value = one.getJsonArray("value");
      out.println(
          INDENT
              + "{"
              + fields(one.getJsonObject("metric"))
              + "} "
              + value.getValue(1)
              + " @"
              + value.getValue(0));
    }
  }

  private static void hints(JsonObject hints, PrintWriter out) {
    out.println("hints:");
    out.println(INDENT + "served for: " + list(hints.getJsonArray("servedFor")));
    out.println(INDENT + "closest metrics: " + list(hints.getJsonArray("closestMetrics")));
    JsonArray rules = hints.getJsonArray("rules", new JsonArray());
    for (int i = 0; i < rules.size(); i++) {
      JsonObject rule = rules.getJsonObject(i);
      out.printf(
          "%srule %s: %d series matched %s, %d kept%n",
          INDENT,
          rule.getString("rule"),
          rule.getLong("seriesMatched"),
          rule.getString("seriesQuery"),
          rule.getLong("seriesKept"));
      JsonArray metrics = rule.getJsonArray("metrics");
      out.println(
          INDENT
              + INDENT
              + "metrics: "
              + (metrics.isEmpty()
                  ? "none"
                  : metrics.stream()
                          .map(m -> (JsonObject) m)
                          .map(
                              m ->
                                  m.getString("resource") == null
                                      ? m.getString("name")
                                      : m.getString("resource") + "/" + m.getString("name"))
                          .limit(MAX_METRICS)
                          .collect(Collectors.joining(", "))
                      + (metrics.size() > MAX_METRICS
                          ? ", ... (" + (metrics.size() - MAX_METRICS) + " more)"
                          : "")));
      JsonArray dropped = rule.getJsonArray("dropped");
      for (int d = 0; d < dropped.size(); d++) {
        JsonObject drop = dropped.getJsonObject(d);
        out.printf(
            "%s%sdropped %d: %s (e.g. %s)%n",
            INDENT,
            INDENT,
            drop.getLong("count"),
            drop.getString("reason"),
            list(drop.getJsonArray("examples")));
      }
    }
  }

  private static String fields(JsonObject object) {
    return object.getMap().entrySet().stream()
        .map(Map.Entry::toString)
        .collect(Collectors.joining(", "));
  }

  private static String list(JsonArray array) {
    return array == null || array.isEmpty()
        ? "none"
        : array.stream().map(Object::toString).collect(Collectors.joining(", "));
  }

  private static String indented(String text) {
    return text.lines().map(line -> INDENT + line).collect(Collectors.joining("\n"));
  }
}
