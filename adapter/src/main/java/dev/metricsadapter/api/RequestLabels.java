package dev.metricsadapter.api;

import java.util.List;

/**
 * The {@code group}, {@code version} and {@code kind} labels of a request's metrics, taken only
 * from fixed sets so that request text can never create new series: kind is {@code discovery},
 * {@code object} (one named object), {@code objects} (wildcard), {@code namespace} (a Namespace's
 * metric), {@code external}, {@code pods}, {@code nodes}, {@code health}, {@code metrics} or {@code
 * other}.
 */
final class RequestLabels {

  private RequestLabels() {}

  /** {@code [group, version, kind]} for a raw request path. */
  static List<String> of(String rawPath, List<ApiGroup> groups) {
    String[] parts = rawPath.split("/", -1);
    List<String> segments = java.util.Arrays.stream(parts).filter(s -> !s.isEmpty()).toList();
    if (segments.size() == 1 && List.of("healthz", "livez", "readyz").contains(segments.get(0))) {
      return List.of("", "", "health");
    }
    if (segments.equals(List.of("metrics"))) {
      return List.of("", "", "metrics");
    }
    if (segments.size() < 2 || !segments.get(0).equals("apis")) {
      return List.of("", "", segments.equals(List.of("apis")) ? "discovery" : "other");
    }
    ApiGroup group =
        groups.stream().filter(g -> g.name().equals(segments.get(1))).findFirst().orElse(null);
    if (group == null) {
      return List.of("other", "", "other");
    }
    if (segments.size() < 3 || !group.versions().contains(segments.get(2))) {
      return List.of(
          group.name(),
          segments.size() < 3 ? "" : "other",
          segments.size() < 3 ? "discovery" : "other");
    }
    List<String> rest = segments.subList(3, segments.size());
    return List.of(group.name(), segments.get(2), kind(group.name(), rest));
  }

  private static String kind(String group, List<String> rest) {
    if (rest.isEmpty()) {
      return "discovery";
    }
    if (group.equals(ExternalMetricsApi.GROUP)) {
      return "external";
    }
    if (group.equals(ResourceMetricsApi.GROUP)) {
      return rest.contains("nodes") ? "nodes" : "pods";
    }
    if (rest.size() == 4 && rest.get(0).equals("namespaces") && rest.get(2).equals("metrics")) {
      return "namespace";
    }
    String name = rest.size() == 5 ? rest.get(3) : rest.size() == 3 ? rest.get(1) : "";
    return name.equals("*") || name.equals("%2A") || name.equals("%2a")
        ? "objects"
        : name.isEmpty() ? "other" : "object";
  }
}
