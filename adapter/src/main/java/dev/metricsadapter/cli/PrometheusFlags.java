package dev.metricsadapter.cli;

import dev.metricsadapter.prometheus.PrometheusClientOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The Prometheus connection flags, shared by {@code serve}, {@code check} and {@code explain}: URL,
 * headers, verb, credentials, TLS and the query deadline. A picocli mixin; {@link #options}
 * validates them into {@link PrometheusClientOptions}.
 */
public final class PrometheusFlags {

  /** The URL when none is given (serve and explain; check then validates offline only). */
  static final String DEFAULT_URL = "http://localhost:9090";

  @Option(
      names = "--prometheus-url",
      paramLabel = "URL",
      description = {
        "Prometheus (or Thanos, Mimir, Cortex, VictoriaMetrics) base URL; a path prefix and a"
            + " query string are kept.",
        "Default: " + DEFAULT_URL + " (check: without it, no dry run)."
      })
  private String url;

  @Option(
      names = "--prometheus-header",
      paramLabel = "KEY=VALUE",
      description =
          "Header sent with every Prometheus call, e.g. X-Scope-OrgID=tenant (repeatable).")
  private List<String> headers = new ArrayList<>();

  @Option(
      names = "--prometheus-verb",
      paramLabel = "GET|POST",
      defaultValue = "GET",
      description =
          "HTTP method for Prometheus calls; POST is also used automatically for URLs over 8 KiB.")
  private String verb;

  @Option(
      names = "--prometheus-token-file",
      paramLabel = "FILE",
      description = "Bearer token for Prometheus, re-read when it changes.")
  private Path tokenFile;

  @Option(
      names = "--prometheus-ca-file",
      paramLabel = "FILE",
      description = "CA bundle that signs Prometheus' certificate.")
  private Path caFile;

  @Option(
      names = "--prometheus-client-tls-cert-file",
      paramLabel = "FILE",
      description = "Client certificate for Prometheus (with the key file).")
  private Path clientCertFile;

  @Option(
      names = "--prometheus-client-tls-key-file",
      paramLabel = "FILE",
      description = "Client private key for Prometheus (with the certificate file).")
  private Path clientKeyFile;

  @Option(
      names = "--prometheus-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description = "Deadline of every Prometheus query.")
  private Duration timeout;

  /**
   * The validated client options when {@code --prometheus-url} is given, else empty.
   *
   * @throws FlagException naming the first flag that cannot be used, or a flag that needs {@code
   *     --prometheus-url}
   */
  Optional<PrometheusClientOptions> ifUrlGiven() {
    if (url != null) {
      return Optional.of(options());
    }
    Map<String, Boolean> needingUrl = new LinkedHashMap<>();
    needingUrl.put("--prometheus-header", !headers.isEmpty());
    needingUrl.put("--prometheus-token-file", tokenFile != null);
    needingUrl.put("--prometheus-ca-file", caFile != null);
    needingUrl.put("--prometheus-client-tls-cert-file", clientCertFile != null);
    needingUrl.put("--prometheus-client-tls-key-file", clientKeyFile != null);
    for (Map.Entry<String, Boolean> flag : needingUrl.entrySet()) {
      if (flag.getValue()) {
        throw new FlagException(flag.getKey() + " needs --prometheus-url");
      }
    }
    return Optional.empty();
  }

  /**
   * The validated client options; the URL defaults to {@value #DEFAULT_URL}.
   *
   * @throws FlagException naming the first flag that cannot be used
   */
  PrometheusClientOptions options() {
    URI baseUrl = url(url == null ? DEFAULT_URL : url);
    if (timeout.isZero() || timeout.isNegative()) {
      throw new FlagException("--prometheus-timeout must be greater than zero");
    }
    List<Map.Entry<String, String>> parsedHeaders = headers();
    Optional<Path> token = FlagFiles.nonEmpty("--prometheus-token-file", tokenFile);
    if (token.isPresent()
        && parsedHeaders.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Authorization"))) {
      throw FlagException.of(
          "--prometheus-token-file", "excludes an Authorization --prometheus-header");
    }
    FlagFiles.keyPair(
        "--prometheus-client-tls-cert-file",
        clientCertFile,
        "--prometheus-client-tls-key-file",
        clientKeyFile);
    return new PrometheusClientOptions(
        baseUrl,
        parsedHeaders,
        verb(),
        token,
        FlagFiles.certificates("--prometheus-ca-file", caFile),
        Optional.ofNullable(clientCertFile),
        Optional.ofNullable(clientKeyFile),
        timeout,
        PrometheusClientOptions.DEFAULT_MAX_CONNECTIONS);
  }

  /** An http(s) URL with a host; path prefix and query string are kept. */
  private static URI url(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new FlagException("--prometheus-url is not a valid URL: " + e.getMessage());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new FlagException(
          "--prometheus-url must be an http:// or https:// URL with a host, not \"" + text + "\"");
    }
    try {
      PrometheusClientOptions.checkBaseUrl(uri);
    } catch (IllegalArgumentException e) {
      throw FlagException.of("--prometheus-url", e.getMessage());
    }
    return uri;
  }

  /** Headers in flag order; a value may itself contain {@code =}. */
  private List<Map.Entry<String, String>> headers() {
    List<Map.Entry<String, String>> parsed = new ArrayList<>();
    for (String header : headers) {
      int equals = header.indexOf('=');
      if (equals <= 0) {
        throw new FlagException("--prometheus-header must be KEY=VALUE, not \"" + header + "\"");
      }
      try {
        parsed.add(
            PrometheusClientOptions.checkHeader(
                Map.entry(header.substring(0, equals).trim(), header.substring(equals + 1))));
      } catch (IllegalArgumentException e) {
        throw FlagException.of("--prometheus-header", e.getMessage());
      }
    }
    return parsed;
  }

  private PrometheusClientOptions.Verb verb() {
    try {
      return PrometheusClientOptions.Verb.valueOf(verb.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new FlagException("--prometheus-verb must be GET or POST, not \"" + verb + "\"");
    }
  }
}
