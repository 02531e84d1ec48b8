package dev.metricsadapter.server;

import dev.metricsadapter.request.RequestPath;
import java.util.List;
import java.util.Optional;

/**
 * The {@code group}, {@code version} and {@code kind} labels of a request's metrics, taken only
 * from fixed sets so that request text can never create new series: group and version only when
 * served, kind one of {@code discovery}, {@code object} (one named object), {@code objects}
 * (wildcard), {@code namespace} (a Namespace's metric), {@code external}, {@code pods}, {@code
 * nodes}, {@code health}, {@code metrics} or {@code other}.
 *
 * @param group a served group, {@code other}, or empty
 * @param version a served version of it, {@code other}, or empty
 * @param kind what the request asks for
 */
record RequestLabels(String group, String version, String kind) {

  private static final List<String> HEALTH = List.of("healthz", "livez", "readyz");

  /** The labels of {@code path} among the served {@code groups}. */
  static RequestLabels of(RequestPath path, List<ApiGroup> groups) {
    List<String> segments = path.segments();
    if (segments.size() == 1 && HEALTH.contains(segments.get(0))) {
      return new RequestLabels("", "", "health");
    }
    if (segments.equals(List.of("metrics"))) {
      return new RequestLabels("", "", "metrics");
    }
    Optional<String> name = path.group();
    if (name.isEmpty()) {
      return new RequestLabels("", "", segments.equals(List.of("apis")) ? "discovery" : "other");
    }
    Optional<ApiGroup> group = groups.stream().filter(g -> g.name().equals(name.get())).findFirst();
    if (group.isEmpty()) {
      return new RequestLabels("other", "", "other");
    }
    Optional<String> version = path.version();
    if (version.isEmpty()) {
      return new RequestLabels(group.get().name(), "", "discovery");
    }
    if (!group.get().versions().contains(version.get())) {
      return new RequestLabels(group.get().name(), "other", "other");
    }
    return new RequestLabels(
        group.get().name(),
        version.get(),
        path.resource().map(object -> kind(group.get().name(), object)).orElse("discovery"));
  }

  private static String kind(String group, RequestPath.ApiResource object) {
    if (group.equals(ExternalMetricsApi.GROUP)) {
      return "external";
    }
    if (group.equals(ResourceMetricsApi.GROUP)) {
      return object.resource().equals("nodes") ? "nodes" : "pods";
    }
    List<String> rest = object.afterVersion();
    if (rest.size() == 4 && rest.get(0).equals("namespaces") && rest.get(2).equals("metrics")) {
      return "namespace";
    }
    String name = rest.size() == 5 ? rest.get(3) : rest.size() == 3 ? rest.get(1) : "";
    return name.equals("*") ? "objects" : name.isEmpty() ? "other" : "object";
  }
}
