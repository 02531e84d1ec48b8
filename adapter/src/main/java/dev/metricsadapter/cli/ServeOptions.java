package dev.metricsadapter.cli;

import dev.metricsadapter.auth.AuthOptions;
import dev.metricsadapter.observability.LoggingOptions;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.prometheus.QueryPathOptions;
import dev.metricsadapter.provider.DiscoveryOptions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The validated configuration of {@code serve}, one record per subsystem. Immutable.
 *
 * @param config rule file or directory
 * @param prometheus the Prometheus connection of queries and listings
 * @param queryPath caching, concurrency and fallback of queries
 * @param discovery how series are discovered
 * @param server the HTTPS port
 * @param kubeconfig {@code none}, a kubeconfig path, or empty for the default lookup
 * @param auth how requests are authenticated and authorized
 * @param logging log format and level
 */
public record ServeOptions(
    Path config,
    PrometheusClientOptions prometheus,
    QueryPathOptions queryPath,
    DiscoveryOptions discovery,
    ServerOptions server,
    Optional<String> kubeconfig,
    AuthOptions auth,
    LoggingOptions logging) {}
