package dev.metricsadapter.app;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.metricsadapter.observability.AdapterMetrics;
import dev.metricsadapter.observability.InstrumentedPrometheusClient;
import dev.metricsadapter.prometheus.CachingQueries;
import dev.metricsadapter.prometheus.InstantQueries;
import dev.metricsadapter.prometheus.PrometheusClient;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.prometheus.QueryPath;
import dev.metricsadapter.prometheus.QueryPathOptions;
import dev.metricsadapter.prometheus.SeriesListing;
import dev.metricsadapter.prometheus.WebClientPrometheusClient;
import dev.metricsadapter.provider.DiscoveryOptions;
import io.vertx.core.Vertx;

/**
 * The connections to Prometheus and what is put around them: one client for requests (queries
 * through the {@link QueryPath} policies, and standalone object listings), and one for discovery,
 * with connections and a deadline of its own ({@code --discovery-timeout}), because listing every
 * series of a large Prometheus takes longer than a query may. Both are instrumented. Closing it
 * closes both clients.
 */
final class PrometheusModule implements AutoCloseable {

  /**
   * Connections beyond {@code --max-concurrent-queries} for the series listings of wildcard
   * requests in standalone mode, which do not pass the query bound.
   */
  static final int OBJECT_LISTING_CONNECTIONS = 8;

  private final WebClientPrometheusClient requestClient;
  private final WebClientPrometheusClient discoveryClient;
  private final PrometheusClient requests;
  private final SeriesListing discovery;
  private final CachingQueries queries;

  private PrometheusModule(
      Vertx vertx,
      PrometheusClientOptions options,
      QueryPathOptions queryPath,
      DiscoveryOptions discoveryOptions,
      AdapterMetrics metrics) {
    this.requestClient =
        new WebClientPrometheusClient(
            vertx,
            options.withMaxConnections(queryPath.maxConcurrent() + OBJECT_LISTING_CONNECTIONS));
    try {
      this.discoveryClient =
          new WebClientPrometheusClient(
              vertx,
              options
                  .withTimeout(discoveryOptions.timeout())
                  .withMaxConnections(DiscoveryOptions.MAX_CONCURRENT_QUERIES));
    } catch (RuntimeException e) {
      requestClient.close();
      throw e;
    }
    this.requests = new InstrumentedPrometheusClient(requestClient, metrics);
    this.discovery = new InstrumentedPrometheusClient(discoveryClient, metrics);
    this.queries = QueryPath.around(vertx, requests, options.timeout(), queryPath, metrics);
  }

  /**
   * Connects to the Prometheus of {@code options} (no call is made yet).
   *
   * @throws IllegalArgumentException if the TLS or token files cannot be used
   */
  static PrometheusModule create(
      Vertx vertx,
      PrometheusClientOptions options,
      QueryPathOptions queryPath,
      DiscoveryOptions discovery,
      AdapterMetrics metrics) {
    return new PrometheusModule(vertx, options, queryPath, discovery, metrics);
  }

  /** Instant queries of the request path, through the query-path policies. */
  InstantQueries queries() {
    return queries;
  }

  /** The query result cache's statistics. */
  CacheStats queryCacheStats() {
    return queries.cacheStats();
  }

  /**
   * The request client without the query-path policies: standalone object listings, and the
   * one-shot queries of {@code check}.
   */
  PrometheusClient direct() {
    return requests;
  }

  /** Series listings of discovery, under the discovery deadline. */
  SeriesListing discovery() {
    return discovery;
  }

  @Override
  public void close() {
    requestClient.close();
    discoveryClient.close();
  }
}
