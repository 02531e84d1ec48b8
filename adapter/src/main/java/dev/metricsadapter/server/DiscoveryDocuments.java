package dev.metricsadapter.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Kubernetes API discovery documents ({@code APIGroupList}, {@code APIGroup}, {@code
 * APIResourceList}) in the exact shape kubectl and the aggregator read. Pure functions.
 */
final class DiscoveryDocuments {

  private DiscoveryDocuments() {}

  /** {@code GET /apis}. */
  static JsonObject apiGroupList(List<ApiGroup> groups) {
    JsonArray list = new JsonArray();
    groups.forEach(group -> list.add(groupBody(group)));
    return new JsonObject().put("kind", "APIGroupList").put("apiVersion", "v1").put("groups", list);
  }

  /** {@code GET /apis/<group>}. */
  static JsonObject apiGroup(ApiGroup group) {
    return new JsonObject()
        .put("kind", "APIGroup")
        .put("apiVersion", "v1")
        .mergeIn(groupBody(group));
  }

  private static JsonObject groupBody(ApiGroup group) {
    JsonArray versions = new JsonArray();
    group.versions().forEach(v -> versions.add(groupVersion(group, v)));
    return new JsonObject()
        .put("name", group.name())
        .put("versions", versions)
        .put("preferredVersion", groupVersion(group, group.versions().get(0)));
  }

  private static JsonObject groupVersion(ApiGroup group, String version) {
    return new JsonObject()
        .put("groupVersion", group.name() + "/" + version)
        .put("version", version);
  }

  /** {@code GET /apis/<group>/<version>}. */
  static JsonObject apiResourceList(ApiGroup group, String version) {
    return new JsonObject()
        .put("kind", "APIResourceList")
        .put("apiVersion", "v1")
        .put("groupVersion", group.name() + "/" + version)
        .put("resources", group.resources(version));
  }

  /** One {@code APIResource} entry. */
  static JsonObject resource(String name, boolean namespaced, String kind, List<String> verbs) {
    return new JsonObject()
        .put("name", name)
        .put("singularName", "")
        .put("namespaced", namespaced)
        .put("kind", kind)
        .put("verbs", new JsonArray(List.copyOf(verbs)));
  }
}
