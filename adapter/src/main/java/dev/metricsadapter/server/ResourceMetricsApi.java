package dev.metricsadapter.server;

import dev.metricsadapter.provider.MetricNotFoundException;
import dev.metricsadapter.provider.QueryTrace;
import dev.metricsadapter.resourcemetrics.ResourceMetricsService;
import dev.metricsadapter.resourcemetrics.Targets;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.time.Clock;
import java.util.List;

/**
 * {@code metrics.k8s.io/v1beta1} as metrics-server serves it ({@code kubectl top}): {@code nodes},
 * {@code nodes/{name}}, {@code pods}, {@code namespaces/{ns}/pods}, {@code
 * namespaces/{ns}/pods/{name}}, with {@code labelSelector}. A named object without usage is a 404.
 *
 * @param service the usage of pods and nodes
 * @param clock stamps each answer's {@code creationTimestamp}
 */
public record ResourceMetricsApi(ResourceMetricsService service, Clock clock) implements ApiGroup {

  static final String GROUP = ResourceWireFormat.GROUP;

  @Override
  public String name() {
    return GROUP;
  }

  @Override
  public List<String> versions() {
    return List.of(ResourceWireFormat.VERSION);
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
    return ApiGroup.parsed(() -> ResourceMetricsPath.parse(path, params.get("labelSelector")))
        .compose(request -> answer(request, trace));
  }

  private Future<Buffer> answer(ResourceMetricsPath request, QueryTrace trace) {
    trace.parsed(request.fields());
    Targets targets = request.targets();
    return request.nodes()
        ? service.nodes(targets, trace).map(nodes -> body(ResourceWireFormat.NODES, targets, nodes))
        : service.pods(targets, trace).map(pods -> body(ResourceWireFormat.PODS, targets, pods));
  }

  /** The single object {@code Targets.One} asks for, or the list {@code Targets.All} does. */
  private <U> Buffer body(ResourceWireFormat.Kind<U> format, Targets targets, List<U> usage) {
    if (!(targets instanceof Targets.One one)) {
      return format.list(usage, clock.instant());
    }
    if (usage.isEmpty()) {
      throw MetricNotFoundException.resource(format.resource(), one.key().toString());
    }
    return format.single(usage.get(0), clock.instant());
  }
}
