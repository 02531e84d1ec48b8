package dev.metricsadapter.prometheus;

import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an endpoint and its parameters into a {@link PreparedRequest}: the path is the base URL's
 * path prefix plus the endpoint, the base URL's query string is kept on every request (GET and
 * POST), and the parameters go into the query string (GET) or a form body (POST). GET falls back to
 * POST when the URL would be longer than {@link #MAX_GET_URL_LENGTH}, as Prometheus' own clients
 * do. Immutable and thread-safe.
 */
final class RequestBuilder {

  /** The longest GET URL sent; longer ones become form POSTs (common server limit: 8 KiB). */
  static final int MAX_GET_URL_LENGTH = 8192;

  private final String origin;
  private final String pathPrefix;
  private final String baseQuery;
  private final PrometheusClientOptions.Verb verb;

  RequestBuilder(URI baseUrl, PrometheusClientOptions.Verb verb) {
    this.origin = baseUrl.getScheme() + "://" + baseUrl.getRawAuthority();
    String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    this.pathPrefix = path.replaceAll("/+$", "");
    String query = baseUrl.getRawQuery();
    this.baseQuery = query == null ? "" : query;
    this.verb = verb;
  }

  /** Prepares a call of {@code endpoint} (starting with {@code /}) with {@code params} in order. */
  PreparedRequest build(String endpoint, List<Map.Entry<String, String>> params) {
    String encoded = encode(params);
    String path = origin + pathPrefix + endpoint;
    if (verb == PrometheusClientOptions.Verb.GET) {
      String url = path + "?" + join(baseQuery, encoded);
      if (url.length() <= MAX_GET_URL_LENGTH) {
        return new PreparedRequest(endpoint, HttpMethod.GET, url, Optional.empty());
      }
    }
    String url = baseQuery.isEmpty() ? path : path + "?" + baseQuery;
    return new PreparedRequest(endpoint, HttpMethod.POST, url, Optional.of(encoded));
  }

  private static String encode(List<Map.Entry<String, String>> params) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> param : params) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static String join(String first, String second) {
    if (first.isEmpty()) {
      return second;
    }
    return second.isEmpty() ? first : first + "&" + second;
  }
}
