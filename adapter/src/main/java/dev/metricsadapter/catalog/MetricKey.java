package dev.metricsadapter.catalog;

import dev.metricsadapter.resources.GroupResource;
import java.util.Comparator;

/**
 * How a request names a custom metric: the described objects' resource, whether they are
 * namespaced, and the metric name.
 *
 * @param resource the resource of the described objects
 * @param namespaced whether the resource is namespaced
 * @param metric the metric name
 */
public record MetricKey(GroupResource resource, boolean namespaced, String metric)
    implements Comparable<MetricKey> {

  private static final Comparator<MetricKey> ORDER =
      Comparator.comparing(MetricKey::resource)
          .thenComparing(MetricKey::metric)
          .thenComparing(MetricKey::namespaced);

  @Override
  public int compareTo(MetricKey other) {
    return ORDER.compare(this, other);
  }

  /** {@code resource/metric} as listed in discovery, e.g. {@code pods/http_requests_per_second}. */
  @Override
  public String toString() {
    return resource + "/" + metric;
  }
}
