package dev.metricsadapter.resources;

import java.util.List;

/**
 * What the adapter needs to know about one Kubernetes resource.
 *
 * @param groupResource group and plural name
 * @param version the preferred API version, e.g. {@code v1}
 * @param kind the kind, e.g. {@code Pod}
 * @param singular the singular name, e.g. {@code pod}
 * @param shortNames short names, e.g. {@code po}
 * @param namespaced whether objects live in namespaces
 */
public record ResourceInfo(
    GroupResource groupResource,
    String version,
    String kind,
    String singular,
    List<String> shortNames,
    boolean namespaced) {

  public ResourceInfo {
    shortNames = List.copyOf(shortNames);
  }
}
