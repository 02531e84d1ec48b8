package dev.metricsadapter.api;

import dev.metricsadapter.config.GoDuration;
import dev.metricsadapter.provider.MetricNotFoundException;
import dev.metricsadapter.provider.QueryTrace;
import dev.metricsadapter.provider.ResourceMetricsService;
import dev.metricsadapter.provider.ResourceUsage;
import dev.metricsadapter.quantity.Quantities;
import dev.metricsadapter.query.LabelSelector;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code metrics.k8s.io/v1beta1} as metrics-server serves it ({@code kubectl top}): {@code nodes},
 * {@code nodes/{name}}, {@code pods}, {@code namespaces/{ns}/pods}, {@code
 * namespaces/{ns}/pods/{name}}, with {@code labelSelector}.
 */
public final class ResourceMetricsApi implements ApiGroup {

  static final String GROUP = "metrics.k8s.io";

  private final ResourceMetricsService service;
  private final Clock clock;

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
    return List.of("v1beta1");
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
    return document(path, params, trace).map(JsonObject::toBuffer);
  }

  private Future<JsonObject> document(List<String> path, MultiMap params, QueryTrace trace) {
    LabelSelector selector = LabelSelector.parse(params.get("labelSelector"));
    boolean namespaced = path.size() >= 3 && path.get(0).equals("namespaces");
    List<String> rest = namespaced ? path.subList(2, path.size()) : path;
    String resource = rest.get(0);
    boolean served =
        switch (resource) {
          case "nodes" -> !namespaced && rest.size() <= 2;
          case "pods" -> rest.size() == 1 || (namespaced && rest.size() == 2);
          default -> false;
        };
    if (!served) {
      throw new PathNotFoundException();
    }
    String namespace = namespaced ? RequestNames.namespace(path.get(1)) : null;
    String name = rest.size() == 2 ? RequestNames.objectName(rest.get(1)) : null;
    trace.parsed(fields(resource, namespace, name, selector));
    if (resource.equals("nodes")) {
      Future<List<ResourceUsage.Node>> nodes = service.nodes(selector, trace);
      return name == null
          ? nodes.map(this::nodeList)
          : nodes.map(
              all ->
                  single(
                      "NodeMetrics",
                      node(
                          all.stream()
                              .filter(n -> n.name().equals(name))
                              .findFirst()
                              .orElseThrow(
                                  () -> MetricNotFoundException.resource("nodemetrics", name)))));
    }
    Future<List<ResourceUsage.Pod>> pods = service.pods(namespace, selector, trace);
    return name == null
        ? pods.map(this::podList)
        : pods.map(
            all ->
                single(
                    "PodMetrics",
                    pod(
                        all.stream()
                            .filter(p -> p.name().equals(name))
                            .findFirst()
                            .orElseThrow(
                                () ->
                                    MetricNotFoundException.resource(
                                        "podmetrics", namespace + "/" + name)))));
  }

  private static Map<String, String> fields(
      String resource, String namespace, String name, LabelSelector selector) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("resource", resource);
    if (namespace != null) {
      fields.put("namespace", namespace);
    }
    if (name != null) {
      fields.put("name", name);
    }
    if (!selector.isEmpty()) {
      fields.put("labelSelector", selector.toString());
    }
    return fields;
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
    return new JsonObject().put("kind", kind).put("apiVersion", GROUP + "/v1beta1").mergeIn(item);
  }

  private static JsonObject list(String kind, JsonArray items) {
    return new JsonObject()
        .put("kind", kind)
        .put("apiVersion", GROUP + "/v1beta1")
        .put("metadata", new JsonObject())
        .put("items", items);
  }

  private JsonObject node(ResourceUsage.Node node) {
    return new JsonObject()
        .put("metadata", metadata(null, node.name(), node.labels()))
        .put("timestamp", CustomWireFormat.timestamp(node.timestamp()))
        .put("window", GoDuration.format(service.window()))
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
        .put("window", GoDuration.format(service.window()))
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
