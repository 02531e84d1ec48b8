package dev.metricsadapter.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parsing shared by every command that talks to Prometheus: {@code --prometheus-url} and the
 * repeatable {@code --prometheus-header=KEY=VALUE}. Errors name the flag, for one-line messages.
 */
final class PrometheusFlags {

  private PrometheusFlags() {}

  /**
   * An http(s) URL with a host; path prefix and query string are kept.
   *
   * @throws IllegalArgumentException naming {@code --prometheus-url}
   */
  static URI url(String text) {
    try {
      URI uri = new URI(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "--prometheus-url must be an http:// or https:// URL with a host, not \""
                + text
                + "\"");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "--prometheus-url is not a valid URL: " + e.getMessage(), e);
    }
  }

  /**
   * Headers in flag order; a value may itself contain {@code =}.
   *
   * @throws IllegalArgumentException naming {@code --prometheus-header}
   */
  static List<Map.Entry<String, String>> headers(List<String> flags) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String header : flags) {
      int equals = header.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(
            "--prometheus-header must be KEY=VALUE, not \"" + header + "\"");
      }
      headers.add(Map.entry(header.substring(0, equals).trim(), header.substring(equals + 1)));
    }
    return headers;
  }
}
