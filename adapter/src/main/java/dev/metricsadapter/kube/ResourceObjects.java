package dev.metricsadapter.kube;

import dev.metricsadapter.query.LabelSelector;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * The pods and nodes {@code metrics.k8s.io} reports on, with their labels. Never blocks the calling
 * event loop; fails with an {@link dev.metricsadapter.failure.AdapterException}.
 */
public interface ResourceObjects {

  /**
   * A Kubernetes object's identity and labels.
   *
   * @param namespace the namespace, {@code null} for nodes
   * @param name the name
   * @param labels the object's labels
   */
  record KubeObject(String namespace, String name, Map<String, String> labels) {
    public KubeObject {
      labels = Map.copyOf(labels);
    }
  }

  /**
   * Running pods in {@code namespace} ({@code null}: every namespace) matching {@code selector}.
   */
  Future<List<KubeObject>> runningPods(String namespace, LabelSelector selector);

  /** Nodes matching {@code selector}. */
  Future<List<KubeObject>> nodes(LabelSelector selector);
}
