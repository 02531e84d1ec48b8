package dev.metricsadapter.provider;

import dev.metricsadapter.failure.AdapterException;

/**
 * The metric is not served for that resource, or has no value for the object asked for. Messages
 * follow prometheus-adapter's wording ({@code the server could not find the metric m for pods}).
 */
public final class MetricNotFoundException extends AdapterException {
  private static final long serialVersionUID = 1L;

  private MetricNotFoundException(String message) {
    super(Kind.NOT_FOUND, message);
  }

  /** No such metric for the resource. */
  public static MetricNotFoundException forResource(String metric, String resource) {
    return new MetricNotFoundException(
        "the server could not find the metric " + metric + " for " + resource);
  }

  /** The metric exists but has no value for the object. */
  public static MetricNotFoundException forObject(String metric, String resource, String name) {
    return new MetricNotFoundException(
        "the server could not find the metric " + metric + " for " + resource + " " + name);
  }

  /**
   * No usage for an object, in Kubernetes' words ({@code podmetrics.metrics.k8s.io "ns/x" not
   * found}).
   */
  public static MetricNotFoundException resource(String kind, String name) {
    return new MetricNotFoundException(kind + ".metrics.k8s.io \"" + name + "\" not found");
  }

  /** No such external metric. */
  public static MetricNotFoundException external(String metric) {
    return new MetricNotFoundException("the server could not find the external metric " + metric);
  }

  /** No object matches the label selector. */
  public static MetricNotFoundException noObjects(
      String metric, String resource, String namespace, String selector) {
    return new MetricNotFoundException(
        "the server could not find the metric "
            + metric
            + " for "
            + resource
            + ": no objects"
            + (namespace == null ? "" : " in namespace " + namespace)
            + (selector.isEmpty() ? "" : " match the label selector " + selector));
  }
}
