package dev.metricsadapter.server;

import dev.metricsadapter.failure.BadRequestException;
import dev.metricsadapter.provider.CustomMetricRequest;
import dev.metricsadapter.query.LabelSelector;
import java.util.List;

/**
 * Parses the part of a {@code custom.metrics.k8s.io/<version>/} path after the version, and its
 * selectors, into a {@link CustomMetricRequest}. Every path element is validated before it goes
 * anywhere: namespaces are DNS labels, object names are Kubernetes object names or {@code *}.
 *
 * <ul>
 *   <li>{@code namespaces/{ns}/{resource}/{name}/{metric}}: namespaced objects ({@code *} for all
 *       matching {@code labelSelector});
 *   <li>{@code {resource}/{name}/{metric}}: cluster-scoped objects;
 *   <li>{@code namespaces/{ns}/metrics/{metric}}: the Namespace object {@code ns} itself.
 * </ul>
 */
final class CustomMetricsPath {

  private CustomMetricsPath() {}

  /**
   * @param segments decoded path segments after the version
   * @param labelSelector the {@code labelSelector} parameter, or {@code null}
   * @param metricLabelSelector the {@code metricLabelSelector} parameter, or {@code null}
   * @throws BadRequestException for a path of the wrong shape or an invalid element
   * @throws dev.metricsadapter.query.SelectorException for a malformed selector
   */
  static CustomMetricRequest parse(
      List<String> segments, String labelSelector, String metricLabelSelector) {
    LabelSelector objects = LabelSelector.parse(labelSelector);
    LabelSelector series = LabelSelector.parse(metricLabelSelector);
    if (segments.size() == 4
        && segments.get(0).equals("namespaces")
        && segments.get(2).equals("metrics")) {
      String namespace = RequestNames.namespace(segments.get(1));
      return new CustomMetricRequest(
          "namespaces", null, namespace, RequestNames.metric(segments.get(3)), objects, series);
    }
    if (segments.size() == 5 && segments.get(0).equals("namespaces")) {
      return new CustomMetricRequest(
          RequestNames.resource(segments.get(2)),
          RequestNames.namespace(segments.get(1)),
          RequestNames.objectName(segments.get(3)),
          RequestNames.metric(segments.get(4)),
          objects,
          series);
    }
    if (segments.size() == 3 && !segments.get(0).equals("namespaces")) {
      return new CustomMetricRequest(
          RequestNames.resource(segments.get(0)),
          null,
          RequestNames.objectName(segments.get(1)),
          RequestNames.metric(segments.get(2)),
          objects,
          series);
    }
    throw new BadRequestException(
        "invalid request path: expected namespaces/{namespace}/{resource}/{name}/{metric},"
            + " {resource}/{name}/{metric} or namespaces/{namespace}/metrics/{metric}");
  }
}
