package dev.metricsadapter.server;

import dev.metricsadapter.failure.BadRequestException;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.KubernetesNames;
import java.util.regex.Pattern;

/**
 * Validation of the names a request path carries, before they go anywhere: namespaces are DNS
 * labels, resources and object names are Kubernetes names (or {@code *} for every object), metric
 * names are path segments.
 */
final class RequestNames {

  private static final GroupResource NAMESPACES = GroupResource.core("namespaces");

  /** The wildcard object name. */
  static final String ALL_OBJECTS = "*";

  private static final Pattern RESOURCE =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?");
  private static final Pattern OBJECT_NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.:]*[A-Za-z0-9])?");

  private RequestNames() {}

  /** A namespace name. */
  static String namespace(String value) {
    if (!KubernetesNames.isName(NAMESPACES, value)) {
      throw new BadRequestException("invalid namespace \"" + value + "\": must be a DNS label");
    }
    return value;
  }

  /** A resource as written in a path ({@code pods}, {@code deployments.apps}). */
  static String resource(String value) {
    if (value.length() > 253 || !RESOURCE.matcher(value).matches()) {
      throw new BadRequestException("invalid resource \"" + value + "\"");
    }
    return value;
  }

  /** An object name, or {@code *}. */
  static String objectName(String value) {
    if (value.equals(ALL_OBJECTS)) {
      return value;
    }
    if (value.length() > 253 || !OBJECT_NAME.matcher(value).matches()) {
      throw new BadRequestException("invalid object name \"" + value + "\"");
    }
    return value;
  }

  /** A metric name: any path segment but {@code .} and {@code ..}. */
  static String metric(String value) {
    if (value.isEmpty() || value.equals(".") || value.equals("..") || value.length() > 253) {
      throw new BadRequestException("invalid metric name \"" + value + "\"");
    }
    return value;
  }
}
