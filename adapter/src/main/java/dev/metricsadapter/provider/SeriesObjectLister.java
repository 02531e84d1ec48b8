package dev.metricsadapter.provider;

import dev.metricsadapter.kube.ObjectLister;
import dev.metricsadapter.naming.ResourceInfo;
import dev.metricsadapter.naming.Series;
import dev.metricsadapter.query.LabelSelector;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Standalone mode's {@link ObjectLister}: with no Kubernetes connection, the objects of a wildcard
 * request are the distinct values of the resource's label among the metric's discovered series in
 * the namespace, and the label selector filters on those series' labels. Thread-safe; reads the
 * latest discovery snapshot.
 */
public final class SeriesObjectLister implements ObjectLister {

  private final Supplier<DiscoverySnapshot> snapshot;

  public SeriesObjectLister(Supplier<DiscoverySnapshot> snapshot) {
    this.snapshot = snapshot;
  }

  @Override
  public Future<List<String>> names(
      ResourceInfo resource, String namespace, LabelSelector selector, MetricSource metric) {
    TreeSet<String> names = new TreeSet<>();
    for (Series series :
        snapshot.get().seriesByName().getOrDefault(metric.seriesName(), List.of())) {
      Map<String, String> labels = series.labels();
      String name = labels.get(metric.resourceLabel());
      if (name == null || name.isEmpty() || !selector.matches(labels)) {
        continue;
      }
      if (namespace != null
          && (metric.namespaceLabel() == null
              || !namespace.equals(labels.get(metric.namespaceLabel())))) {
        continue;
      }
      names.add(name);
    }
    return Future.succeededFuture(List.copyOf(names));
  }
}
