package dev.metricsadapter.api;

import dev.metricsadapter.config.GoDuration;
import dev.metricsadapter.provider.MetricNotFoundException;
import dev.metricsadapter.provider.QueryTrace;
import dev.metricsadapter.provider.ResourceMetricsService;
import dev.metricsadapter.provider.ResourceUsage;
import dev.metricsadapter.provider.Targets;
import dev.metricsadapter.quantity.Quantities;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code metrics.k8s.io/v1beta1} as metrics-server serves it ({@code kubectl top}): {@code nodes},
 * {@code nodes/{name}}, {@code pods}, {@code namespaces/{ns}/pods}, {@code
 * namespaces/{ns}/pods/{name}}, with {@code labelSelector}. A named object without usage is a 404.
 */
public final class ResourceMetricsApi implements ApiGroup {

  static final String GROUP = "metrics.k8s.io";
  private static final String VERSION = "v1beta1";

  private final ResourceMetricsService service;
  private final Clock clock;

  /**
   * @param clock stamps each answer's {@code creationTimestamp}
   */
  public ResourceMetricsApi(ResourceMetricsService service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  @Override
  public String name() {
    return GROUP;
  }

  @Override
  public List<String> versions() {
    return List.of(VERSION);
  }

  @Override
  public JsonArray resources(String version) {
    return new JsonArray()
        .add(DiscoveryDocuments.resource("nodes", false, "NodeMetrics", List.of("get", "list")))
        .add(DiscoveryDocuments.resource("pods", true, "PodMetrics", List.of("get", "list")));
  }

  @Override
  public Future<Buffer> answer(
      String version, List<String> path, MultiMap params, QueryTrace trace) {
    ResourceMetricsPath request = ResourceMetricsPath.parse(path, params.get("labelSelector"));
    trace.parsed(request.fields());
    Targets targets = request.targets();
    if (request.nodes()) {
      return service
          .nodes(targets, trace)
          .map(nodes -> body(targets, nodes, "NodeMetrics", this::node, this::nodeList))
          .map(JsonObject::toBuffer);
    }
    return service
        .pods(targets, trace)
        .map(pods -> body(targets, pods, "PodMetrics", this::pod, this::podList))
        .map(JsonObject::toBuffer);
  }

  /** The single object {@code Targets.One} asks for, or the list {@code Targets.All} does. */
  private static <U> JsonObject body(
      Targets targets,
      List<U> usage,
      String kind,
      Function<U, JsonObject> item,
      Function<List<U>, JsonObject> list) {
    if (!(targets instanceof Targets.One one)) {
      return list.apply(usage);
    }
    if (usage.isEmpty()) {
      throw MetricNotFoundException.resource(kind.toLowerCase(Locale.ROOT), one.key().toString());
    }
    return single(kind, item.apply(usage.get(0)));
  }

  private JsonObject podList(List<ResourceUsage.Pod> pods) {
    JsonArray items = new JsonArray();
    pods.forEach(pod -> items.add(pod(pod)));
    return list("PodMetricsList", items);
  }

  private JsonObject nodeList(List<ResourceUsage.Node> nodes) {
    JsonArray items = new JsonArray();
    nodes.forEach(node -> items.add(node(node)));
    return list("NodeMetricsList", items);
  }

  private static JsonObject single(String kind, JsonObject item) {
    return new JsonObject()
        .put("kind", kind)
        .put("apiVersion", GROUP + "/" + VERSION)
        .mergeIn(item);
  }

  private static JsonObject list(String kind, JsonArray items) {
    return new JsonObject()
        .put("kind", kind)
        .put("apiVersion", GROUP + "/" + VERSION)
        .put("metadata", new JsonObject())
        .put("items", items);
  }

  private JsonObject node(ResourceUsage.Node node) {
    return new JsonObject()
        .put("metadata", metadata(null, node.name(), node.labels()))
        .put("timestamp", CustomWireFormat.timestamp(node.timestamp()))
        .put("window", GoDuration.format(node.window()))
        .put("usage", usage(node.cpu(), node.memory()));
  }

  private JsonObject pod(ResourceUsage.Pod pod) {
    JsonArray containers = new JsonArray();
    pod.containers()
        .forEach(
            c ->
                containers.add(
                    new JsonObject()
                        .put("name", c.name())
                        .put("usage", usage(c.cpu(), c.memory()))));
    return new JsonObject()
        .put("metadata", metadata(pod.namespace(), pod.name(), pod.labels()))
        .put("timestamp", CustomWireFormat.timestamp(pod.timestamp()))
        .put("window", GoDuration.format(pod.window()))
        .put("containers", containers);
  }

  private JsonObject metadata(String namespace, String name, Map<String, String> labels) {
    JsonObject metadata = new JsonObject().put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    metadata.put("creationTimestamp", CustomWireFormat.timestamp(clock.instant()));
    if (!labels.isEmpty()) {
      metadata.put("labels", new JsonObject(new TreeMap<String, Object>(labels)));
    }
    return metadata;
  }

  private static JsonObject usage(BigDecimal cpu, BigDecimal memory) {
    return new JsonObject()
        .put("cpu", Quantities.canonical(cpu))
        .put("memory", Quantities.canonicalBinary(memory));
  }
}
