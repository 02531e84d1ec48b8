package dev.metricsadapter.demo;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the demo reads the pods' values: a custom metrics API path of the adapter, for these pods.
 *
 * @param adapterUrl the adapter's base URL: https on a loopback address ({@code
 *     https://127.0.0.1:6443}), since {@link AdapterClient} checks no certificate
 * @param path the request path, starting with {@code /apis/}: a Pods metric of the custom metrics
 *     API, for all pods of a namespace (the pod name {@code *}) or a label selector
 * @param pods the pods to show, in that order; distinct, not empty
 * @param timeout the deadline of every request (connection included), in (0, 1m]
 */
public record AdapterSource(URI adapterUrl, String path, List<String> pods, Duration timeout) {

  private static final Pattern LOOPBACK =
      Pattern.compile("localhost|127(?:\\.\\d{1,3}){3}|\\[::1\\]");

  /** Validates every field; {@link IllegalArgumentException} names the offending flag. */
  public AdapterSource {
    Require.nonNull("adapterUrl", adapterUrl, "path", path, "pods", pods, "timeout", timeout);
    pods = List.copyOf(pods);
    if (!"https".equals(adapterUrl.getScheme())
        || adapterUrl.getHost() == null
        || !LOOPBACK.matcher(adapterUrl.getHost()).matches()
        || adapterUrl.getUserInfo() != null
        || adapterUrl.getQuery() != null
        || adapterUrl.getFragment() != null
        || !(adapterUrl.getPath().isEmpty() || "/".equals(adapterUrl.getPath()))) {
      throw new IllegalArgumentException(
          "--adapter-url: '"
              + adapterUrl
              + "' is not an https base URL on loopback like https://127.0.0.1:6443");
    }
    if (!path.startsWith("/apis/")) {
      throw new IllegalArgumentException("--path must start with /apis/, got '" + path + "'");
    }
    if (pods.isEmpty() || pods.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("--pods: name at least one pod, and no empty names");
    }
    if (new HashSet<>(pods).size() != pods.size()) {
      throw new IllegalArgumentException("--pods: a pod is named twice in " + pods);
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("--timeout must be in (0, 1m], got " + timeout);
    }
  }

  /** The URL to request: {@code path} on the adapter. */
  public URI requestUri() {
    return URI.create("https://" + adapterUrl.getRawAuthority() + path);
  }
}
