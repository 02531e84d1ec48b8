package dev.metricsadapter.resourcemetrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** CPU and memory usage as {@code metrics.k8s.io} reports it. */
public final class ResourceUsage {

  private ResourceUsage() {}

  /**
   * Usage of one pod.
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @param labels the pod's labels (empty in standalone mode)
   * @param timestamp the earliest sample time among its containers
   * @param window the window the values are measured over
   * @param containers per-container usage, sorted by container name
   */
  public record Pod(
      String namespace,
      String name,
      Map<String, String> labels,
      Instant timestamp,
      Duration window,
      List<Container> containers) {
    public Pod {
      labels = Map.copyOf(labels);
      containers = List.copyOf(containers);
    }
  }

  /**
   * Usage of one container.
   *
   * @param name the container name
   * @param cpu CPU in cores
   * @param memory memory in bytes
   */
  public record Container(String name, BigDecimal cpu, BigDecimal memory) {}

  /**
   * Usage of one node.
   *
   * @param name the node's name
   * @param labels the node's labels (empty in standalone mode)
   * @param timestamp the earlier of the CPU and memory sample times
   * @param window the window the values are measured over
   * @param cpu CPU in cores
   * @param memory memory in bytes
   */
  public record Node(
      String name,
      Map<String, String> labels,
      Instant timestamp,
      Duration window,
      BigDecimal cpu,
      BigDecimal memory) {
    public Node {
      labels = Map.copyOf(labels);
    }
  }
}
