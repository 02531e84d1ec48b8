package dev.metricsadapter.resources;

import java.util.Objects;

/**
 * A Kubernetes API group and plural resource name, e.g. {@code deployments.apps}; the core group is
 * the empty string.
 *
 * @param group the API group
 * @param resource the plural, lower-case resource name
 */
public record GroupResource(String group, String resource) implements Comparable<GroupResource> {

  public GroupResource {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(resource, "resource");
  }

  /** A resource of the core group. */
  public static GroupResource core(String resource) {
    return new GroupResource("", resource);
  }

  /** Parses {@code resource} or {@code resource.group}, as written in API paths. */
  public static GroupResource parse(String text) {
    int dot = text.indexOf('.');
    return dot < 0
        ? core(text)
        : new GroupResource(text.substring(dot + 1), text.substring(0, dot));
  }

  @Override
  public int compareTo(GroupResource other) {
    int byGroup = group.compareTo(other.group);
    return byGroup != 0 ? byGroup : resource.compareTo(other.resource);
  }

  /** {@code resource} for the core group, else {@code resource.group}. */
  @Override
  public String toString() {
    return group.isEmpty() ? resource : resource + "." + group;
  }
}
