package dev.metricsadapter.cli;

import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.prometheus.PrometheusException;
import dev.metricsadapter.provider.DiscoveryOptions;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.provider.QueryFailure;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import java.util.Optional;

/**
 * The Prometheus side of {@code check --prometheus-url}: one discovery, the very one {@code
 * explain} and the adapter run, then one query at a time. A query Prometheus refuses ({@link
 * PrometheusException#isQueryRejected}) is that query's result; any other failure (unreachable, too
 * slow, an unreadable answer) stops the dry run with {@link Failure}. Blocks the calling thread,
 * which must not be a Vert.x event loop.
 */
public interface DryRunPrometheus extends AutoCloseable {

  /** Opens a dry run against a Prometheus. */
  @FunctionalInterface
  interface Opener {
    /**
     * @param discovery the discovery's deadline, and how far back it looks for series
     * @throws Failure if the client cannot be built from the options
     */
    DryRunPrometheus open(PrometheusClientOptions prometheus, DiscoveryOptions discovery)
        throws Failure;
  }

  /** The dry run could not reach or query Prometheus; the message names the URL and the error. */
  final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    public Failure(String message) {
      super(message);
    }
  }

  /**
   * Discovers the series of every seriesQuery of {@code rules} once, as the adapter does.
   *
   * @return the discovery; its {@code failures} are the seriesQueries Prometheus refused ({@link
   *     QueryFailure#definitive()}), which have no series
   * @throws Failure naming the first seriesQuery, in rule order, that failed for another reason
   */
  DiscoverySnapshot discover(CompiledRules rules, ResourceMapper mapper) throws Failure;

  /**
   * Runs {@code promql} as an instant query now.
   *
   * @return Prometheus' reason if it refused the query, empty if it ran
   * @throws Failure if the query failed for another reason
   */
  Optional<String> query(String promql) throws Failure;

  @Override
  void close();
}
