package dev.metricsadapter.provider;

import dev.metricsadapter.query.LabelSelector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code external.metrics.k8s.io} request, parsed and validated by the API layer.
 *
 * @param namespace the namespace of the asking HPA
 * @param metric the external metric name
 * @param selector selects series ({@code labelSelector})
 */
public record ExternalMetricRequest(String namespace, String metric, LabelSelector selector) {
  public ExternalMetricRequest {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(selector, "selector");
  }

  /** The request's fields by name, for a {@link QueryTrace}; an empty selector left out. */
  public Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("namespace", namespace);
    fields.put("metric", metric);
    if (!selector.toString().isEmpty()) {
      fields.put("labelSelector", selector.toString());
    }
    return fields;
  }
}
