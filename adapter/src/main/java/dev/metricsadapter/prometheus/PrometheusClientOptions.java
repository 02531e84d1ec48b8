package dev.metricsadapter.prometheus;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach Prometheus. Immutable; the canonical constructor rejects inconsistent settings with
 * an {@link IllegalArgumentException}.
 *
 * @param baseUrl the server's URL: {@code http} or {@code https}, optionally with a path prefix
 *     ({@code https://mimir/prometheus}) and a query string ({@code ?tenant=a}); the prefix is kept
 *     in front of every API path and the query parameters are sent with every call. Must not carry
 *     user info (it would end up in logs) or a fragment
 * @param headers extra headers sent with every call, in order (a name may repeat), e.g. {@code
 *     X-Scope-OrgID}
 * @param verb how parameters are sent; {@link Verb#GET} still switches to a form POST when the URL
 *     would exceed {@link RequestBuilder#MAX_GET_URL_LENGTH}
 * @param tokenFile a file holding a bearer token, re-read when it changes (projected
 *     service-account tokens rotate)
 * @param caFile PEM certificates trusted for an {@code https} URL (instead of the JVM's trust
 *     store)
 * @param clientCertFile PEM client certificate chain for mutual TLS; only together with {@code
 *     clientKeyFile}
 * @param clientKeyFile PEM private key (PKCS#8 or PKCS#1) of {@code clientCertFile}
 * @param timeout the deadline of every call, positive
 * @param maxConnections the most connections kept open to Prometheus at once, at least 1; calls
 *     beyond it wait for a free connection, so it must not be lower than the calls the adapter lets
 *     run at once
 */
public record PrometheusClientOptions(
    URI baseUrl,
    List<Map.Entry<String, String>> headers,
    Verb verb,
    Optional<Path> tokenFile,
    Optional<Path> caFile,
    Optional<Path> clientCertFile,
    Optional<Path> clientKeyFile,
    Duration timeout,
    int maxConnections) {

  /** The deadline used by {@link #of(URI)}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The connection bound used by {@link #of(URI)}. */
  public static final int DEFAULT_MAX_CONNECTIONS = 16;

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** The HTTP method used to send API parameters. */
  public enum Verb {
    GET,
    POST
  }

  public PrometheusClientOptions {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(tokenFile, "tokenFile");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(clientCertFile, "clientCertFile");
    Objects.requireNonNull(clientKeyFile, "clientKeyFile");
    Objects.requireNonNull(timeout, "timeout");
    checkBaseUrl(baseUrl);
    headers = headers.stream().map(PrometheusClientOptions::checkHeader).toList();
    if (tokenFile.isPresent()
        && headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Authorization"))) {
      throw new IllegalArgumentException(
          "an Authorization header and a token file exclude each other");
    }
    if (clientCertFile.isPresent() != clientKeyFile.isPresent()) {
      throw new IllegalArgumentException(
          "the client certificate file and the client key file must be given together");
    }
    if (timeout.isNegative() || timeout.toMillis() < 1) {
      throw new IllegalArgumentException(
          "the Prometheus timeout must be at least 1ms, got " + timeout);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "at least one connection to Prometheus is needed, got " + maxConnections);
    }
  }

  /**
   * Options for {@code baseUrl} with no extra headers, GET, no credentials, {@link
   * #DEFAULT_TIMEOUT} and {@link #DEFAULT_MAX_CONNECTIONS}.
   */
  public static PrometheusClientOptions of(URI baseUrl) {
    return new PrometheusClientOptions(
        baseUrl,
        List.of(),
        Verb.GET,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_TIMEOUT,
        DEFAULT_MAX_CONNECTIONS);
  }

  /** A copy with these extra headers. */
  public PrometheusClientOptions withHeaders(List<Map.Entry<String, String>> newHeaders) {
    return new PrometheusClientOptions(
        baseUrl,
        newHeaders,
        verb,
        tokenFile,
        caFile,
        clientCertFile,
        clientKeyFile,
        timeout,
        maxConnections);
  }

  /** A copy with this verb. */
  public PrometheusClientOptions withVerb(Verb newVerb) {
    return new PrometheusClientOptions(
        baseUrl,
        headers,
        newVerb,
        tokenFile,
        caFile,
        clientCertFile,
        clientKeyFile,
        timeout,
        maxConnections);
  }

  /** A copy reading the bearer token from {@code file}. */
  public PrometheusClientOptions withTokenFile(Path file) {
    return new PrometheusClientOptions(
        baseUrl,
        headers,
        verb,
        Optional.of(file),
        caFile,
        clientCertFile,
        clientKeyFile,
        timeout,
        maxConnections);
  }

  /** A copy trusting the certificates in {@code file}. */
  public PrometheusClientOptions withCaFile(Path file) {
    return new PrometheusClientOptions(
        baseUrl,
        headers,
        verb,
        tokenFile,
        Optional.of(file),
        clientCertFile,
        clientKeyFile,
        timeout,
        maxConnections);
  }

  /** A copy presenting this client certificate and key. */
  public PrometheusClientOptions withClientCertificate(Path certFile, Path keyFile) {
    return new PrometheusClientOptions(
        baseUrl,
        headers,
        verb,
        tokenFile,
        caFile,
        Optional.of(certFile),
        Optional.of(keyFile),
        timeout,
        maxConnections);
  }

  /** A copy with this deadline per call. */
  public PrometheusClientOptions withTimeout(Duration newTimeout) {
    return new PrometheusClientOptions(
        baseUrl,
        headers,
        verb,
        tokenFile,
        caFile,
        clientCertFile,
        clientKeyFile,
        newTimeout,
        maxConnections);
  }

  /** A copy keeping at most this many connections open. */
  public PrometheusClientOptions withMaxConnections(int newMaxConnections) {
    return new PrometheusClientOptions(
        baseUrl,
        headers,
        verb,
        tokenFile,
        caFile,
        clientCertFile,
        clientKeyFile,
        timeout,
        newMaxConnections);
  }

  /** Whether the URL is {@code https}. */
  public boolean isHttps() {
    return "https".equals(baseUrl.getScheme().toLowerCase(Locale.ROOT));
  }

  /**
   * Checks that {@code url} can be a base URL: http or https, a host, no credentials, no fragment.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static void checkBaseUrl(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "the Prometheus URL must be http or https, got '" + url.getScheme() + "'");
    }
    if (url.isOpaque() || url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException("the Prometheus URL must name a host");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "the Prometheus URL must not carry credentials; use a token file or headers");
    }
    if (url.getRawFragment() != null) {
      throw new IllegalArgumentException("the Prometheus URL must not have a fragment");
    }
  }

  /**
   * Checks that {@code header} can be sent: a token name and a value without line breaks.
   *
   * @return the header
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Map.Entry<String, String> checkHeader(Map.Entry<String, String> header) {
    String name = Objects.requireNonNull(header.getKey(), "header name");
    String value = Objects.requireNonNull(header.getValue(), "header value");
    if (!HEADER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid header name '" + name + "'");
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("the value of header " + name + " has a line break");
    }
    return Map.entry(name, value);
  }
}
