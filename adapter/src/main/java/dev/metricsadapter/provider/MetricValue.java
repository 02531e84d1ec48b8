package dev.metricsadapter.provider;

import dev.metricsadapter.query.LabelSelector;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One value of a custom metric for one object, independent of the API version it is served in.
 *
 * @param describedObject the object the value describes
 * @param metric the metric name
 * @param selector the request's metric selector, echoed back (empty when none was given)
 * @param timestamp the time of the sample
 * @param value the exact value
 */
public record MetricValue(
    ObjectReference describedObject,
    String metric,
    LabelSelector selector,
    Instant timestamp,
    BigDecimal value) {

  /**
   * A reference to a Kubernetes object.
   *
   * @param kind e.g. {@code Pod}
   * @param namespace the namespace, {@code null} for cluster-scoped objects
   * @param name the object's name
   * @param apiVersion {@code v1} for the core group, else {@code group/version}
   */
  public record ObjectReference(String kind, String namespace, String name, String apiVersion) {}
}
