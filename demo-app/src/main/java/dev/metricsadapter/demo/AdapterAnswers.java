package dev.metricsadapter.demo;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the custom metrics API's answers to a Pods metric request: a {@code MetricValueList} on
 * success, a {@code Status} on error (their shapes: ../shared/reference/wire-format.md). The JSON
 * is decoded by Vert.x's {@link JsonObject}, which parses with Jackson. Stateless.
 */
final class AdapterAnswers {

  private static final int EXCERPT_CHARS = 200;

  private AdapterAnswers() {}

  /**
   * The reading of an answer with HTTP status {@code statusCode} and {@code body}. A 2xx
   * MetricValueList gives its items' {@code describedObject.name} and {@code value}; a 2xx answer
   * that is no MetricValueList, or has an item without a name or with a value that is no {@link
   * Quantity}, is a failure saying so. Any other status is a failure with the Status's reason and
   * message ({@code HTTP 404 NotFound: the server could not find the metric ...}), or with an
   * excerpt of a body that is no Status.
   */
  static MetricReading read(int statusCode, String body) {
    return statusCode / 100 == 2
        ? valueList(body)
        : new MetricReading.Failure(error(statusCode, body));
  }

  private static MetricReading valueList(String body) {
    JsonObject list = object(body);
    if (!"MetricValueList".equals(field(list, "kind"))) {
      return new MetricReading.Failure("not a MetricValueList: " + excerpt(body));
    }
    Object items = field(list, "items");
    if (items == null) {
      return new MetricReading.Values(Map.of());
    }
    if (!(items instanceof JsonArray array)) {
      return new MetricReading.Failure("the items of the MetricValueList are no list");
    }
    Map<String, Quantity> byPod = new HashMap<>();
    for (Object item : array) {
      String name = text(field(field(item, "describedObject"), "name"));
      String value = text(field(item, "value"));
      if (name == null || value == null) {
        return new MetricReading.Failure(
            "an item without describedObject.name or value: " + excerpt(String.valueOf(item)));
      }
      try {
        byPod.put(name, Quantity.parse(value));
      } catch (IllegalArgumentException e) {
        return new MetricReading.Failure("the value of pod " + name + ": " + e.getMessage());
      }
    }
    return new MetricReading.Values(byPod);
  }

  private static String error(int statusCode, String body) {
    JsonObject status = object(body);
    String message = text(field(status, "message"));
    if (!"Status".equals(field(status, "kind")) || message == null) {
      return "HTTP " + statusCode + ": " + excerpt(body);
    }
    String reason = text(field(status, "reason"));
    return "HTTP " + statusCode + (reason == null ? "" : " " + reason) + ": " + message;
  }

  /** The JSON object {@code body} holds, or null if it holds none. */
  private static JsonObject object(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return new JsonObject(body);
    } catch (DecodeException e) {
      return null;
    }
  }

  /** Field {@code name} of {@code object} if that is a JSON object, else null. */
  private static Object field(Object object, String name) {
    return object instanceof JsonObject json ? json.getValue(name) : null;
  }

  private static String text(Object value) {
    return value instanceof String string ? string : null;
  }

  /** {@code body} on one line, cut to {@value #EXCERPT_CHARS} characters. */
  private static String excerpt(String body) {
    String line = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    if (line.isEmpty()) {
      return "(empty)";
    }
    return line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS) + "...";
  }
}
