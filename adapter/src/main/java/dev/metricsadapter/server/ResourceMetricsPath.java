package dev.metricsadapter.server;

import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.resourcemetrics.ObjectKey;
import dev.metricsadapter.resourcemetrics.Targets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code metrics.k8s.io/v1beta1} request path after the version, parsed with its {@code
 * labelSelector}: {@code nodes}, {@code nodes/{name}}, {@code pods}, {@code namespaces/{ns}/pods}
 * or {@code namespaces/{ns}/pods/{name}}.
 *
 * @param nodes whether nodes are asked for, rather than pods
 * @param targets which ones
 */
record ResourceMetricsPath(boolean nodes, Targets targets) {

  /**
   * @param segments decoded path segments after the version, never empty
   * @param labelSelector the {@code labelSelector} parameter, or {@code null}
   * @throws dev.metricsadapter.query.SelectorException for a malformed selector
   * @throws PathNotFoundException for a path of another shape
   * @throws dev.metricsadapter.failure.BadRequestException for an invalid namespace or name
   */
  static ResourceMetricsPath parse(List<String> segments, String labelSelector) {
    LabelSelector selector = LabelSelector.parse(labelSelector);
    boolean namespaced = segments.size() >= 3 && segments.get(0).equals("namespaces");
    List<String> rest = namespaced ? segments.subList(2, segments.size()) : segments;
    boolean nodes = rest.get(0).equals("nodes");
    boolean served =
        nodes
            ? !namespaced && rest.size() <= 2
            : rest.get(0).equals("pods") && (rest.size() == 1 || (namespaced && rest.size() == 2));
    if (!served) {
      throw new PathNotFoundException();
    }
    String namespace = namespaced ? RequestNames.namespace(segments.get(1)) : null;
    if (rest.size() == 1) {
      return new ResourceMetricsPath(
          nodes, new Targets.All(Optional.ofNullable(namespace), selector));
    }
    String name = RequestNames.objectName(rest.get(1));
    ObjectKey key = nodes ? ObjectKey.node(name) : ObjectKey.pod(namespace, name);
    return new ResourceMetricsPath(nodes, new Targets.One(key, selector));
  }

  /** The request's fields by name, for a trace; absent and empty ones left out. */
  Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("resource", nodes ? "nodes" : "pods");
    targets.namespace().ifPresent(namespace -> fields.put("namespace", namespace));
    if (targets instanceof Targets.One one) {
      fields.put("name", one.key().name());
    }
    if (!targets.selector().isEmpty()) {
      fields.put("labelSelector", targets.selector().toString());
    }
    return fields;
  }
}
