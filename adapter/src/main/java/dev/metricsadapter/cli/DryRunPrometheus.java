package dev.metricsadapter.cli;

import dev.metricsadapter.catalog.Series;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.prometheus.PrometheusException;
import dev.metricsadapter.provider.DiscoveryOptions;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Prometheus side of {@code check --prometheus-url}, one call at a time: a query Prometheus
 * refuses ({@link PrometheusException#isQueryRejected}) is that query's result; any other failure
 * (unreachable, too slow, an unreadable answer) stops the dry run with {@link Failure}. Blocks the
 * calling thread, which must not be a Vert.x event loop.
 */
public interface DryRunPrometheus extends AutoCloseable {

  /** Opens a dry run against a Prometheus. */
  @FunctionalInterface
  interface Opener {
    /**
     * @param discovery series listings use its deadline and look back its max age
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
   * What the seriesQueries returned.
   *
   * @param series the series of each query Prometheus answered ({@code __name__} as the name)
   * @param refused Prometheus' reason for each query it refused
   */
  record SeriesAnswers(Map<String, List<Series>> series, Map<String, String> refused) {}

  /**
   * The series of each distinct query that had samples since {@code start}.
   *
   * @throws Failure at the first query that fails for another reason than a refusal
   */
  SeriesAnswers series(Collection<String> queries, Instant start) throws Failure;

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
