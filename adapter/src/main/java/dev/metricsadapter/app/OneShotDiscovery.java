package dev.metricsadapter.app;

import dev.metricsadapter.provider.Discovery;
import dev.metricsadapter.provider.DiscoveryOptions;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRule;
import dev.metricsadapter.rules.CompiledRules;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The one discovery of a one-shot command ({@code check}, {@code explain}): the adapter's own
 * {@link Discovery} over the discovery client of a {@link PrometheusModule}, refreshed once, so
 * that the commands see what the running adapter would. Blocks the calling thread, which must not
 * be an event loop.
 */
final class OneShotDiscovery {

  /** Extra wait beyond the series calls' own deadlines, so that they report their timeouts. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  private OneShotDiscovery() {}

  /**
   * Runs one discovery of {@code rules} and returns it once its snapshot is published. A
   * seriesQuery that failed has no series; {@link Discovery#snapshot()} says why ({@code
   * failures}).
   *
   * @throws IllegalStateException if the discovery did not end in time, which the series calls'
   *     deadlines should prevent
   */
  static Discovery run(
      Vertx vertx,
      PrometheusModule prometheus,
      CompiledRules rules,
      ResourceMapper mapper,
      DiscoveryOptions options,
      Clock clock) {
    Discovery discovery =
        new Discovery(
            vertx,
            prometheus.discovery(),
            () -> rules,
            mapper,
            options.relistInterval(),
            options.maxAge(),
            clock,
            DiscoveryOptions.MAX_CONCURRENT_QUERIES);
    Blocking.await(discovery.refresh(), deadline(rules, options));
    return discovery;
  }

  /**
   * How long one discovery may take: each series call ends within the discovery deadline, and at
   * most {@link DiscoveryOptions#MAX_CONCURRENT_QUERIES} run at once.
   */
  private static Duration deadline(CompiledRules rules, DiscoveryOptions options) {
    long queries =
        Stream.concat(rules.rules().stream(), rules.externalRules().stream())
            .map(CompiledRule::seriesQuery)
            .distinct()
            .count();
    int batch = DiscoveryOptions.MAX_CONCURRENT_QUERIES;
    long rounds = Math.max(1, (queries + batch - 1) / batch);
    return options.timeout().multipliedBy(rounds).plus(GRACE);
  }
}
