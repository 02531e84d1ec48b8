package dev.metricsadapter.api;

import dev.metricsadapter.provider.MetricValue;
import dev.metricsadapter.quantity.Quantities;
import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.query.LabelSelector.Requirement;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The exact JSON bodies of {@code custom.metrics.k8s.io}: {@code MetricValueList} in both API
 * versions (v1beta1 {@code metricName}/{@code selector}, v1beta2 {@code metric{name,selector}}),
 * field order as Kubernetes writes it. Pure functions.
 */
final class CustomWireFormat {

  static final String GROUP = "custom.metrics.k8s.io";
  static final List<String> VERSIONS = List.of("v1beta2", "v1beta1");

  private CustomWireFormat() {}

  /** A {@code MetricValueList} in {@code version}. */
  static JsonObject metricValueList(String version, List<MetricValue> values) {
    JsonArray items = new JsonArray();
    for (MetricValue value : values) {
      items.add(version.equals("v1beta1") ? v1beta1Item(value) : v1beta2Item(value));
    }
    return new JsonObject()
        .put("kind", "MetricValueList")
        .put("apiVersion", GROUP + "/" + version)
        .put("metadata", new JsonObject())
        .put("items", items);
  }

  private static JsonObject v1beta2Item(MetricValue value) {
    return new JsonObject()
        .put("describedObject", describedObject(value.describedObject()))
        .put(
            "metric",
            new JsonObject()
                .put("name", value.metric())
                .put("selector", selector(value.selector())))
        .put("timestamp", timestamp(value.timestamp()))
        .put("value", Quantities.canonical(value.value()));
  }

  private static JsonObject v1beta1Item(MetricValue value) {
    return new JsonObject()
        .put("describedObject", describedObject(value.describedObject()))
        .put("metricName", value.metric())
        .put("timestamp", timestamp(value.timestamp()))
        .put("value", Quantities.canonical(value.value()))
        .put("selector", selector(value.selector()));
  }

  private static JsonObject describedObject(MetricValue.ObjectReference object) {
    JsonObject json = new JsonObject().put("kind", object.kind());
    if (object.namespace() != null) {
      json.put("namespace", object.namespace());
    }
    return json.put("name", object.name()).put("apiVersion", object.apiVersion());
  }

  /** RFC 3339 in UTC with second precision, as {@code metav1.Time} serializes. */
  static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** A {@code metav1.LabelSelector}, or {@code null} for the empty selector. */
  static JsonObject selector(LabelSelector selector) {
    if (selector.isEmpty()) {
      return null;
    }
    JsonObject matchLabels = new JsonObject();
    JsonArray matchExpressions = new JsonArray();
    for (Requirement requirement : selector.requirements()) {
      switch (requirement.operator()) {
        case EQUALS, DOUBLE_EQUALS ->
            matchLabels.put(requirement.key(), requirement.values().get(0));
        default -> matchExpressions.add(expression(requirement));
      }
    }
    JsonObject json = new JsonObject();
    if (!matchLabels.isEmpty()) {
      json.put("matchLabels", matchLabels);
    }
    if (!matchExpressions.isEmpty()) {
      json.put("matchExpressions", matchExpressions);
    }
    return json;
  }

  private static JsonObject expression(Requirement requirement) {
    String operator =
        switch (requirement.operator()) {
          case NOT_EQUALS, NOT_IN -> "NotIn";
          case IN -> "In";
          case EXISTS -> "Exists";
          case DOES_NOT_EXIST -> "DoesNotExist";
          case GREATER_THAN -> "Gt";
          case LESS_THAN -> "Lt";
          default -> throw new IllegalArgumentException(requirement.toString());
        };
    JsonObject json = new JsonObject().put("key", requirement.key()).put("operator", operator);
    if (!requirement.values().isEmpty()) {
      json.put("values", new JsonArray(List.copyOf(requirement.values())));
    }
    return json;
  }
}
