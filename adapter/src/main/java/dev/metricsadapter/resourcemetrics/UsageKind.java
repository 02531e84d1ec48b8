package dev.metricsadapter.resourcemetrics;

import dev.metricsadapter.kube.ResourceObjects;
import dev.metricsadapter.kube.ResourceObjects.KubeObject;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledResourceRules;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What pod and node usage differ in: the objects the Kubernetes API lists, the query of a resource
 * rule that measures them, and the record their usage is. {@link ResourceMetricsService} does the
 * rest for both alike. Stateless.
 *
 * @param <U> the usage record
 */
sealed interface UsageKind<U> {

  /** Running pods, measured per container. */
  UsageKind<ResourceUsage.Pod> PODS = new Pods();

  /** Nodes, measured whole. */
  UsageKind<ResourceUsage.Node> NODES = new Nodes();

  /** {@code pod} or {@code node}, for log lines. */
  String noun();

  /** The objects to list for {@code targets}: in its namespace, matching its selector. */
  Future<List<KubeObject>> list(ResourceObjects objects, Targets targets);

  /**
   * The query of {@code rule} for this kind.
   *
   * @throws dev.metricsadapter.rules.QueryBuildException if the rule names no label it needs
   */
  UsageQuery query(CompiledResourceRules.Rule rule, ResourceMapper mapper);

  /** The usage record of {@code measured}. */
  U usage(Measured measured);

  /**
   * One object's usage, joined from its readings.
   *
   * @param key the object
   * @param labels its labels
   * @param timestamp the earliest time among its readings
   * @param window the window the values are measured over
   * @param parts the usage of its parts, sorted by name: a pod's containers, or a node's one part
   *     {@link Readings#WHOLE}
   */
  record Measured(
      ObjectKey key,
      Map<String, String> labels,
      Instant timestamp,
      Duration window,
      List<ResourceUsage.Container> parts) {}

  /** {@link #PODS}. */
  final class Pods implements UsageKind<ResourceUsage.Pod> {

    private Pods() {}

    @Override
    public String noun() {
      return "pod";
    }

    @Override
    public Future<List<KubeObject>> list(ResourceObjects objects, Targets targets) {
      return objects.runningPods(targets.namespace().orElse(null), targets.selector());
    }

    @Override
    public UsageQuery query(CompiledResourceRules.Rule rule, ResourceMapper mapper) {
      return UsageQuery.pods(rule, mapper);
    }

    @Override
    public ResourceUsage.Pod usage(Measured pod) {
      return new ResourceUsage.Pod(
          pod.key().namespace(),
          pod.key().name(),
          pod.labels(),
          pod.timestamp(),
          pod.window(),
          pod.parts());
    }
  }

  /** {@link #NODES}. */
  final class Nodes implements UsageKind<ResourceUsage.Node> {

    private Nodes() {}

    @Override
    public String noun() {
      return "node";
    }

    @Override
    public Future<List<KubeObject>> list(ResourceObjects objects, Targets targets) {
      return objects.nodes(targets.selector());
    }

    @Override
    public UsageQuery query(CompiledResourceRules.Rule rule, ResourceMapper mapper) {
      return UsageQuery.nodes(rule, mapper);
    }

    @Override
    public ResourceUsage.Node usage(Measured node) {
      ResourceUsage.Container whole = node.parts().get(0);
      return new ResourceUsage.Node(
          node.key().name(),
          node.labels(),
          node.timestamp(),
          node.window(),
          whole.cpu(),
          whole.memory());
    }
  }
}
