package dev.metricsadapter.provider;

import dev.metricsadapter.query.LabelSelector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code custom.metrics.k8s.io} request, already parsed and validated by the API layer.
 *
 * @param resource the resource as written in the path ({@code pods}, {@code deployments.apps},
 *     {@code deployment})
 * @param namespace the namespace of namespaced objects, {@code null} for cluster-scoped ones
 * @param name an object name, or {@code *} for every object matching {@code labelSelector}
 * @param metric the metric name
 * @param labelSelector selects objects (wildcard requests only)
 * @param metricSelector selects series ({@code metricLabelSelector})
 */
public record CustomMetricRequest(
    String resource,
    String namespace,
    String name,
    String metric,
    LabelSelector labelSelector,
    LabelSelector metricSelector) {

  /** The wildcard object name. */
  public static final String ALL_OBJECTS = "*";

  public CustomMetricRequest {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(labelSelector, "labelSelector");
    Objects.requireNonNull(metricSelector, "metricSelector");
  }

  /** The request's fields by name, for a {@link QueryTrace}; absent and empty ones left out. */
  public Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("resource", resource);
    if (namespace != null) {
      fields.put("namespace", namespace);
    }
    fields.put("name", name);
    fields.put("metric", metric);
    if (!labelSelector.toString().isEmpty()) {
      fields.put("labelSelector", labelSelector.toString());
    }
    if (!metricSelector.toString().isEmpty()) {
      fields.put("metricLabelSelector", metricSelector.toString());
    }
    return fields;
  }

  /** Whether every object matching the label selector is asked for. */
  public boolean isWildcard() {
    return ALL_OBJECTS.equals(name);
  }
}
