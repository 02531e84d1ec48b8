package dev.metricsadapter.auth;

import java.util.List;
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
   * @param segments the decoded path segments
   * @param rawPath the path as sent, for non-resource attributes
   */
  static RequestAttributes of(String method, List<String> segments, String rawPath) {
    String httpVerb = method.toLowerCase(Locale.ROOT);
    boolean apis = segments.size() >= 4 && segments.get(0).equals("apis");
    boolean core = segments.size() >= 3 && segments.get(0).equals("api");
    if (!apis && !core) {
      return new NonResource(httpVerb, rawPath);
    }
    String group = apis ? segments.get(1) : "";
    String version = apis ? segments.get(2) : segments.get(1);
    List<String> rest = segments.subList(apis ? 3 : 2, segments.size());
    String namespace = "";
    if (rest.size() >= 2 && rest.get(0).equals("namespaces")) {
      namespace = rest.get(1);
      if (rest.size() > 2) {
        rest = rest.subList(2, rest.size());
      }
    }
    String resource = rest.get(0);
    String name = rest.size() > 1 ? rest.get(1) : "";
    String subresource = rest.size() > 2 ? rest.get(2) : "";
    String verb =
        switch (httpVerb) {
          case "get", "head" -> name.isEmpty() ? "list" : "get";
          default -> httpVerb;
        };
    return new Resource(verb, group, version, resource, subresource, name, namespace);
  }
}
