package dev.metricsadapter.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the items of a {@code MetricValueList} (custom.metrics.k8s.io) by their objects. */
public final class MetricValueLists {

  private MetricValueLists() {}

  /** The name of each item's {@code describedObject}, mapped to the item's value, in order. */
  public static Map<String, String> values(JsonObject list) {
    Map<String, String> values = new LinkedHashMap<>();
    for (JsonObject item : items(list)) {
      values.put(item.getJsonObject("describedObject").getString("name"), item.getString("value"));
    }
    return values;
  }

  /** The name of each item's {@code describedObject}, in order. */
  public static List<String> objectNames(JsonObject list) {
    return items(list).stream()
        .map(item -> item.getJsonObject("describedObject").getString("name"))
        .toList();
  }

  private static List<JsonObject> items(JsonObject list) {
    JsonArray items = list.getJsonArray("items");
    List<JsonObject> all = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      all.add(items.getJsonObject(i));
    }
    return all;
  }
}
