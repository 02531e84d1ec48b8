package dev.metricsadapter.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.metricsadapter.provider.MetricValue;
import dev.metricsadapter.quantity.Quantities;
import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.query.LabelSelector.Requirement;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact JSON bodies of {@code custom.metrics.k8s.io}: {@code MetricValueList} in both API
 * versions (v1beta1 {@code metricName}/{@code selector}, v1beta2 {@code metric{name,selector}}),
 * field order as Kubernetes writes it. Written with a streaming generator: these are the bodies of
 * every HPA poll. Pure functions.
 */
final class CustomWireFormat {

  static final String GROUP = "custom.metrics.k8s.io";
  static final List<String> VERSIONS = List.of("v1beta2", "v1beta1");

  private CustomWireFormat() {}

  /** A {@code MetricValueList} in {@code version}. */
  static Buffer metricValueList(String version, List<MetricValue> values) {
    boolean v1beta1 = version.equals("v1beta1");
    return JsonBodies.list(
        "MetricValueList",
        GROUP + "/" + version,
        json -> {
          Timestamps timestamps = new Timestamps();
          for (MetricValue value : values) {
            if (v1beta1) {
              writeV1beta1Item(json, value, timestamps);
            } else {
              writeV1beta2Item(json, value, timestamps);
            }
          }
        });
  }

  private static void writeV1beta2Item(JsonGenerator json, MetricValue value, Timestamps timestamps)
      throws IOException {
    json.writeStartObject();
    writeDescribedObject(json, value.describedObject());
    json.writeObjectFieldStart("metric");
    json.writeStringField("name", value.metric());
    json.writeFieldName("selector");
    writeSelector(json, value.selector());
    json.writeEndObject();
    json.writeStringField("timestamp", timestamps.of(value.timestamp()));
    json.writeStringField("value", Quantities.canonical(value.value()));
    json.writeEndObject();
  }

  private static void writeV1beta1Item(JsonGenerator json, MetricValue value, Timestamps timestamps)
      throws IOException {
    json.writeStartObject();
    writeDescribedObject(json, value.describedObject());
    json.writeStringField("metricName", value.metric());
    json.writeStringField("timestamp", timestamps.of(value.timestamp()));
    json.writeStringField("value", Quantities.canonical(value.value()));
    json.writeFieldName("selector");
    writeSelector(json, value.selector());
    json.writeEndObject();
  }

  private static void writeDescribedObject(JsonGenerator json, MetricValue.ObjectReference object)
      throws IOException {
    json.writeObjectFieldStart("describedObject");
    json.writeStringField("kind", object.kind());
    if (object.namespace() != null) {
      json.writeStringField("namespace", object.namespace());
    }
    json.writeStringField("name", object.name());
    json.writeStringField("apiVersion", object.apiVersion());
    json.writeEndObject();
  }

  /** RFC 3339 in UTC with second precision, as {@code metav1.Time} serializes. */
  static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * A {@code metav1.LabelSelector}, or {@code null} for the empty selector; a key given twice with
   * {@code =} keeps its last value, as a map does.
   */
  private static void writeSelector(JsonGenerator json, LabelSelector selector) throws IOException {
    if (selector.isEmpty()) {
      json.writeNull();
      return;
    }
    Map<String, String> matchLabels = new LinkedHashMap<>();
    List<Requirement> matchExpressions = new ArrayList<>();
    for (Requirement requirement : selector.requirements()) {
      switch (requirement.operator()) {
        case EQUALS, DOUBLE_EQUALS ->
            matchLabels.put(requirement.key(), requirement.values().get(0));
        default -> matchExpressions.add(requirement);
      }
    }
    json.writeStartObject();
    if (!matchLabels.isEmpty()) {
      json.writeObjectFieldStart("matchLabels");
      for (Map.Entry<String, String> label : matchLabels.entrySet()) {
        json.writeStringField(label.getKey(), label.getValue());
      }
      json.writeEndObject();
    }
    if (!matchExpressions.isEmpty()) {
      json.writeArrayFieldStart("matchExpressions");
      for (Requirement requirement : matchExpressions) {
        writeExpression(json, requirement);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static void writeExpression(JsonGenerator json, Requirement requirement)
      throws IOException {
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
    json.writeStartObject();
    json.writeStringField("key", requirement.key());
    json.writeStringField("operator", operator);
    if (!requirement.values().isEmpty()) {
      json.writeArrayFieldStart("values");
      for (String value : requirement.values()) {
        json.writeString(value);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  /**
   * Formats the timestamps of one list: the samples of one query share their evaluation time, so
   * the text of the last second is reused. Not thread-safe; one per body.
   */
  static final class Timestamps {

    private long second = Long.MIN_VALUE;
    private String text;

    /** {@link #timestamp(Instant)} of {@code instant}. */
    String of(Instant instant) {
      if (instant.getEpochSecond() != second) {
        second = instant.getEpochSecond();
        text = timestamp(instant);
      }
      return text;
    }
  }
}
