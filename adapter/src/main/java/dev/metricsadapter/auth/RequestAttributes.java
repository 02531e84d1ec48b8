package dev.metricsadapter.auth;

import dev.metricsadapter.request.RequestPath;
import java.util.Locale;

/**
 * What a request asks for, in the terms a Kubernetes API server gives a SubjectAccessReview:
 * resource attributes for API object paths, non-resource attributes for everything else. Derived
 * with Kubernetes' RequestInfo rules: {@code
 * /apis/{group}/{version}[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]}, GET with a name
 * is {@code get}, without one {@code list}.
 */
public sealed interface RequestAttributes {

  /** The verb checked. */
  String verb();

  /**
   * An API object request.
   *
   * @param verb {@code get} or {@code list}
   * @param group API group (empty for the core group)
   * @param version API version
   * @param resource resource (for custom metrics, e.g. {@code pods})
   * @param subresource subresource (for custom metrics, the metric name), may be empty
   * @param name object name, may be empty
   * @param namespace namespace, may be empty
   */
  record Resource(
      String verb,
      String group,
      String version,
      String resource,
      String subresource,
      String name,
      String namespace)
      implements RequestAttributes {

    /** {@code resource/subresource} or {@code resource}, as Kubernetes' messages write it. */
    public String qualifiedResource() {
      return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }
  }

  /**
   * Any other path: discovery, health, metrics.
   *
   * @param verb the HTTP method, lower-cased ({@code get})
   * @param path the request path
   */
  record NonResource(String verb, String path) implements RequestAttributes {}

  /**
   * The attributes of a request.
   *
   * @param method the HTTP method
   * @param path the parsed path (for an explanation, the explained one)
   */
  static RequestAttributes of(String method, RequestPath path) {
    String httpVerb = method.toLowerCase(Locale.ROOT);
    if (path.resource().isEmpty()) {
      return new NonResource(httpVerb, path.raw());
    }
    RequestPath.ApiResource object = path.resource().get();
    String verb =
        switch (httpVerb) {
          case "get", "head" -> object.name().isEmpty() ? "list" : "get";
          default -> httpVerb;
        };
    return new Resource(
        verb,
        object.group(),
        object.version(),
        object.resource(),
        object.subresource(),
        object.name(),
        object.namespace());
  }
}
