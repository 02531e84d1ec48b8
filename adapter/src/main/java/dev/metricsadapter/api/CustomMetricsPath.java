package dev.metricsadapter.api;

import dev.metricsadapter.provider.CustomMetricRequest;
import dev.metricsadapter.query.LabelSelector;
import java.util.List;
import java.util.regex.Pattern;

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

  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern RESOURCE =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?");
  private static final Pattern OBJECT_NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.:]*[A-Za-z0-9])?");

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
      String namespace = namespace(segments.get(1));
      return new CustomMetricRequest(
          "namespaces", null, namespace, metric(segments.get(3)), objects, series);
    }
    if (segments.size() == 5 && segments.get(0).equals("namespaces")) {
      return new CustomMetricRequest(
          resource(segments.get(2)),
          namespace(segments.get(1)),
          objectName(segments.get(3)),
          metric(segments.get(4)),
          objects,
          series);
    }
    if (segments.size() == 3 && !segments.get(0).equals("namespaces")) {
      return new CustomMetricRequest(
          resource(segments.get(0)),
          null,
          objectName(segments.get(1)),
          metric(segments.get(2)),
          objects,
          series);
    }
    throw new BadRequestException(
        "invalid request path: expected namespaces/{namespace}/{resource}/{name}/{metric},"
            + " {resource}/{name}/{metric} or namespaces/{namespace}/metrics/{metric}");
  }

  private static String namespace(String value) {
    if (value.length() > 63 || !NAMESPACE.matcher(value).matches()) {
      throw new BadRequestException("invalid namespace \"" + value + "\": must be a DNS label");
    }
    return value;
  }

  private static String resource(String value) {
    if (value.length() > 253 || !RESOURCE.matcher(value).matches()) {
      throw new BadRequestException("invalid resource \"" + value + "\"");
    }
    return value;
  }

  private static String objectName(String value) {
    if (value.equals(CustomMetricRequest.ALL_OBJECTS)) {
      return value;
    }
    if (value.length() > 253 || !OBJECT_NAME.matcher(value).matches()) {
      throw new BadRequestException("invalid object name \"" + value + "\"");
    }
    return value;
  }

  private static String metric(String value) {
    if (value.isEmpty() || value.equals(".") || value.equals("..") || value.length() > 253) {
      throw new BadRequestException("invalid metric name \"" + value + "\"");
    }
    return value;
  }
}
