package dev.metricsadapter.request;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * A request path parsed once: the first handler ({@link #parser()}) stores it in the routing
 * context, and every later layer (authorization attributes, request metrics, dispatch, explain)
 * reads it with {@link #of}. Segments are percent-decoded, and dot segments and encoded slashes are
 * refused (400), so that every layer sees the same path. API object paths follow Kubernetes'
 * RequestInfo rules: {@code /apis/{group}/{version}[/namespaces/{ns}]/{resource}[/{name}[/{sub}]]},
 * and {@code /api/{version}/...} for the core group.
 *
 * @param raw the path as sent
 * @param segments the decoded, non-empty segments
 * @param resource the API object the path names; empty for everything else (health, self-metrics,
 *     discovery documents, unknown paths)
 */
public record RequestPath(String raw, List<String> segments, Optional<ApiResource> resource) {

  private static final String KEY = "metrics-adapter.request-path";

  /**
   * An API object path, as a SubjectAccessReview and the API groups see it.
   *
   * @param group the API group, empty for the core group
   * @param version the API version
   * @param namespace the namespace, empty when the path names none
   * @param resource the resource ({@code pods}; for {@code namespaces/{ns}/metrics/{m}}, {@code
   *     metrics})
   * @param name the object name ({@code *} for all), empty for a collection
   * @param subresource the segment after the name (a custom metric's name), may be empty
   * @param afterVersion every segment after the version, as the API group parses them
   */
  public record ApiResource(
      String group,
      String version,
      String namespace,
      String resource,
      String name,
      String subresource,
      List<String> afterVersion) {
    public ApiResource {
      afterVersion = List.copyOf(afterVersion);
    }
  }

  public RequestPath {
    segments = List.copyOf(segments);
  }

  /**
   * Parses {@code raw}.
   *
   * @throws dev.metricsadapter.failure.BadRequestException for malformed percent-encoding, invalid
   *     UTF-8, dot segments or encoded slashes
   */
  public static RequestPath parse(String raw) {
    List<String> segments = PathSegments.of(raw);
    return new RequestPath(raw, segments, apiResource(segments));
  }

  /** The first handler: parses the request's path into the context, or fails the request (400). */
  public static Handler<RoutingContext> parser() {
    return ctx -> {
      try {
        ctx.put(KEY, parse(ctx.request().path()));
      } catch (RuntimeException malformed) {
        ctx.fail(malformed);
        return;
      }
      ctx.next();
    };
  }

  /**
   * The path {@link #parser()} stored, or the request's path parsed now (for a request that failed
   * before the parser ran).
   */
  public static RequestPath of(RoutingContext ctx) {
    RequestPath parsed = ctx.get(KEY);
    if (parsed != null) {
      return parsed;
    }
    try {
      return parse(ctx.request().path());
    } catch (RuntimeException malformed) {
      return new RequestPath(ctx.request().path(), List.of(), Optional.empty());
    }
  }

  /** Whether the path is {@code /apis} or below. */
  public boolean underApis() {
    return !segments.isEmpty() && segments.get(0).equals("apis");
  }

  /** Whether the path is {@code /api} or below (the core group). */
  public boolean underCoreApi() {
    return !segments.isEmpty() && segments.get(0).equals("api");
  }

  /** The group of an {@code /apis/{group}...} path. */
  public Optional<String> group() {
    return underApis() && segments.size() >= 2 ? Optional.of(segments.get(1)) : Optional.empty();
  }

  /** The version of an {@code /apis/{group}/{version}...} path. */
  public Optional<String> version() {
    return underApis() && segments.size() >= 3 ? Optional.of(segments.get(2)) : Optional.empty();
  }

  /** The last segment, e.g. the metric of a metric request; empty for {@code /}. */
  public String last() {
    return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
  }

  private static Optional<ApiResource> apiResource(List<String> segments) {
    boolean apis = segments.size() >= 4 && segments.get(0).equals("apis");
    boolean core = segments.size() >= 3 && segments.get(0).equals("api");
    if (!apis && !core) {
      return Optional.empty();
    }
    String group = apis ? segments.get(1) : "";
    String version = apis ? segments.get(2) : segments.get(1);
    List<String> afterVersion = segments.subList(apis ? 3 : 2, segments.size());
    List<String> rest = afterVersion;
    String namespace = "";
    if (rest.size() >= 2 && rest.get(0).equals("namespaces")) {
      namespace = rest.get(1);
      if (rest.size() > 2) {
        rest = rest.subList(2, rest.size());
      }
    }
    return Optional.of(
        new ApiResource(
            group,
            version,
            namespace,
            rest.get(0),
            rest.size() > 1 ? rest.get(1) : "",
            rest.size() > 2 ? rest.get(2) : "",
            afterVersion));
  }
}
