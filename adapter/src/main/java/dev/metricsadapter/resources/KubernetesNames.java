package dev.metricsadapter.resources;

import java.util.regex.Pattern;

/**
 * Which label values can name a Kubernetes object: a namespace is a DNS label (RFC 1123, at most 63
 * characters), any other object a DNS subdomain (lower-case alphanumerics, {@code -} and {@code .},
 * at most 253 characters), as the API server validates most resources' names. Pure.
 */
public final class KubernetesNames {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final GroupResource NAMESPACES = GroupResource.core("namespaces");

  private KubernetesNames() {}

  /** Whether an object of {@code resource} can be called {@code name}. */
  public static boolean isName(GroupResource resource, String name) {
    if (resource.equals(NAMESPACES)) {
      return name.length() <= 63 && LABEL.matcher(name).matches();
    }
    return name.length() <= 253 && SUBDOMAIN.matcher(name).matches();
  }
}
