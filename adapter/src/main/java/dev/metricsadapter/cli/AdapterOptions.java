package dev.metricsadapter.cli;

import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.tls.TlsSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated serving configuration, as given on the command line. Immutable.
 *
 * @param config rule file or directory
 * @param prometheusUrl Prometheus base URL, path prefix and query string kept
 * @param prometheusHeaders extra headers for every Prometheus call, in flag order
 * @param prometheusVerb GET or POST
 * @param prometheusTokenFile bearer token file, re-read when it changes
 * @param prometheusCaFile CA bundle to verify Prometheus' certificate
 * @param prometheusClientCertFile client certificate for Prometheus
 * @param prometheusClientKeyFile client key for Prometheus
 * @param prometheusTimeout deadline of every Prometheus call
 * @param queryPath caching, concurrency and fallback of queries
 * @param relistInterval how often discovery runs
 * @param maxAge how far back discovery looks for series
 * @param discoveryTimeout deadline of each discovery series call
 * @param securePort HTTPS port
 * @param bindAddress address to listen on
 * @param certDir where a self-signed certificate is kept when no certificate is given
 * @param tlsCertFile serving certificate (PEM)
 * @param tlsKeyFile serving private key (PEM)
 * @param kubeconfig {@code none}, a kubeconfig path, or empty for the default lookup
 * @param auth how requests are authenticated and authorized
 * @param tls protocol versions, cipher suites, HTTP/2 settings and TLS engine of the HTTPS port
 * @param logging log format and level
 */
public record AdapterOptions(
    Path config,
    URI prometheusUrl,
    List<Map.Entry<String, String>> prometheusHeaders,
    PrometheusClientOptions.Verb prometheusVerb,
    Optional<Path> prometheusTokenFile,
    Optional<Path> prometheusCaFile,
    Optional<Path> prometheusClientCertFile,
    Optional<Path> prometheusClientKeyFile,
    Duration prometheusTimeout,
    QueryPath queryPath,
    Duration relistInterval,
    Duration maxAge,
    Duration discoveryTimeout,
    int securePort,
    String bindAddress,
    Path certDir,
    Optional<Path> tlsCertFile,
    Optional<Path> tlsKeyFile,
    Optional<String> kubeconfig,
    AuthOptions auth,
    TlsSettings tls,
    Logging logging) {

  /**
   * Logging flags.
   *
   * @param format {@code text} or {@code json}
   * @param level the adapter's log level
   */
  public record Logging(String format, String level) {}

  /**
   * How queries reach Prometheus.
   *
   * @param cacheTtl how long a result answers identical queries again; zero: coalescing only
   * @param maxConcurrent queries running at once
   * @param maxWait how long a query waits for a free slot
   * @param serveStaleFor how old a result may be to stand in for a failed query; zero: never
   */
  public record QueryPath(
      Duration cacheTtl, int maxConcurrent, Duration maxWait, Duration serveStaleFor) {}

  /** Request authentication mode. */
  public enum Auth {
    /** Every request is served without authentication (standalone, local use). */
    NONE,
    /**
     * Authentication and authorization delegated to the Kubernetes API, as aggregated API servers
     * do.
     */
    DELEGATED
  }

  public AdapterOptions {
    prometheusHeaders = List.copyOf(prometheusHeaders);
  }
}
