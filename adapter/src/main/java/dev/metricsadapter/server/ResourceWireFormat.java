package dev.metricsadapter.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.metricsadapter.quantity.Quantities;
import dev.metricsadapter.resourcemetrics.ResourceUsage;
import dev.metricsadapter.rules.GoDuration;
import dev.metricsadapter.server.CustomWireFormat.Timestamps;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact JSON bodies of {@code metrics.k8s.io/v1beta1} as metrics-server writes them: {@code
 * PodMetrics} and {@code NodeMetrics}, alone or as a {@code ...List}, field order as Kubernetes
 * writes it, labels sorted by name as Go marshals a map, CPU as a decimal and memory as a binary
 * quantity. Written with a streaming generator: these are the bodies of every HPA poll of a
 * resource metric. Pure functions.
 */
final class ResourceWireFormat {

  static final String GROUP = "metrics.k8s.io";
  static final String VERSION = "v1beta1";

  /** {@code PodMetrics} and {@code PodMetricsList}. */
  static final Kind<ResourceUsage.Pod> PODS = new Kind<>("PodMetrics", ResourceWireFormat::pod);

  /** {@code NodeMetrics} and {@code NodeMetricsList}. */
  static final Kind<ResourceUsage.Node> NODES = new Kind<>("NodeMetrics", ResourceWireFormat::node);

  private ResourceWireFormat() {}

  /**
   * The bodies of one kind of usage.
   *
   * @param <U> the usage record
   */
  static final class Kind<U> {

    private final String kind;
    private final Item<U> item;

    private Kind(String kind, Item<U> item) {
      this.kind = kind;
      this.item = item;
    }

    /** The resource as Kubernetes' messages name it: {@code podmetrics} or {@code nodemetrics}. */
    String resource() {
      return kind.toLowerCase(Locale.ROOT);
    }

    /** One object's usage, e.g. a {@code PodMetrics}; {@code created} is its creation time. */
    Buffer single(U usage, Instant created) {
      return JsonBodies.write(
          json -> {
            json.writeStartObject();
            json.writeStringField("kind", kind);
            json.writeStringField("apiVersion", GROUP + "/" + VERSION);
            item.writeFields(json, usage, CustomWireFormat.timestamp(created), new Timestamps());
            json.writeEndObject();
          });
    }

    /** A list of usage, e.g. a {@code PodMetricsList}; {@code created} is each item's. */
    Buffer list(List<U> usage, Instant created) {
      String creationTimestamp = CustomWireFormat.timestamp(created);
      return JsonBodies.list(
          kind + "List",
          GROUP + "/" + VERSION,
          json -> {
            Timestamps timestamps = new Timestamps();
            for (U one : usage) {
              json.writeStartObject();
              item.writeFields(json, one, creationTimestamp, timestamps);
              json.writeEndObject();
            }
          });
    }
  }

  /** Writes the fields of one item into the object being written. */
  @FunctionalInterface
  private interface Item<U> {
    void writeFields(JsonGenerator json, U usage, String created, Timestamps timestamps)
        throws IOException;
  }

  private static void pod(
      JsonGenerator json, ResourceUsage.Pod pod, String created, Timestamps timestamps)
      throws IOException {
    writeMetadata(json, pod.namespace(), pod.name(), created, pod.labels());
    json.writeStringField("timestamp", timestamps.of(pod.timestamp()));
    json.writeStringField("window", GoDuration.format(pod.window()));
    json.writeArrayFieldStart("containers");
    for (ResourceUsage.Container container : pod.containers()) {
      json.writeStartObject();
      json.writeStringField("name", container.name());
      writeUsage(json, container.cpu(), container.memory());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void node(
      JsonGenerator json, ResourceUsage.Node node, String created, Timestamps timestamps)
      throws IOException {
    writeMetadata(json, null, node.name(), created, node.labels());
    json.writeStringField("timestamp", timestamps.of(node.timestamp()));
    json.writeStringField("window", GoDuration.format(node.window()));
    writeUsage(json, node.cpu(), node.memory());
  }

  /** {@code metadata}: the name, the namespace unless {@code null}, and labels unless none. */
  private static void writeMetadata(
      JsonGenerator json, String namespace, String name, String created, Map<String, String> labels)
      throws IOException {
    json.writeObjectFieldStart("metadata");
    json.writeStringField("name", name);
    if (namespace != null) {
      json.writeStringField("namespace", namespace);
    }
    json.writeStringField("creationTimestamp", created);
    if (!labels.isEmpty()) {
      json.writeObjectFieldStart("labels");
      for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
        json.writeStringField(label.getKey(), label.getValue());
      }
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private static void writeUsage(JsonGenerator json, BigDecimal cpu, BigDecimal memory)
      throws IOException {
    json.writeObjectFieldStart("usage");
    json.writeStringField("cpu", Quantities.canonical(cpu));
    json.writeStringField("memory", Quantities.canonicalBinary(memory));
    json.writeEndObject();
  }
}
