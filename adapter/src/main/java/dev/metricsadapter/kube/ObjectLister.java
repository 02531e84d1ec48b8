package dev.metricsadapter.kube;

import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.resources.ResourceInfo;
import io.vertx.core.Future;
import java.util.List;

/**
 * Lists the names of the Kubernetes objects a wildcard ({@code *}) request describes. Never blocks
 * the calling event loop; fails with an {@link dev.metricsadapter.failure.AdapterException} (for
 * example {@link dev.metricsadapter.failure.AdapterException.Kind#FORBIDDEN} when RBAC denies the
 * list).
 */
public interface ObjectLister {

  /**
   * The names of the objects of {@code resource} matching {@code selector}, sorted.
   *
   * @param resource the resource to list
   * @param namespace the namespace for namespaced resources, {@code null} for cluster-scoped ones
   * @param selector the request's {@code labelSelector}
   * @param metric for listers that derive objects from discovered series: the metric asked for;
   *     others ignore it
   */
  Future<List<String>> names(
      ResourceInfo resource, String namespace, LabelSelector selector, MetricSource metric);

  /**
   * Which discovered series a metric comes from, for listers that read objects out of series labels
   * (standalone mode).
   *
   * @param seriesName the series behind the metric
   * @param resourceLabel the label holding object names
   * @param namespaceLabel the label holding the namespace, or {@code null}
   */
  record MetricSource(String seriesName, String resourceLabel, String namespaceLabel) {}
}
