package dev.metricsadapter.prometheus;

import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The one place the query-path policies are put around the Prometheus client. Outermost first, a
 * query passes:
 *
 * <ol>
 *   <li>{@link CachingQueries}: identical concurrent queries share one call, and a result answers
 *       identical queries again for {@code --cache-ttl};
 *   <li>{@link StaleFallbackQueries} (only with {@code --serve-stale-for}): while Prometheus fails,
 *       the last good result younger than that bound answers;
 *   <li>{@link ResilientQueries}: the circuit breaker, the concurrency bound ({@code
 *       --max-concurrent-queries}, {@code --max-query-wait}) and one retry of a query that could
 *       not connect;
 *   <li>the client itself, which instruments and sends the call under {@code --prometheus-timeout}.
 * </ol>
 *
 * A cache hit therefore never takes a concurrency slot, and a stale answer is only used once the
 * resilience policies have given up. Series listings (discovery, standalone object listings) pass
 * none of these policies.
 */
public final class QueryPath {

  /** How long queries fail fast once Prometheus is found failing, before one probe query. */
  static final Duration CIRCUIT_OPEN_FOR = Duration.ofSeconds(5);

  private QueryPath() {}

  /**
   * The policies of {@code options} around {@code client}.
   *
   * @param timeout the client's deadline per query (the retry must end within it)
   * @param events where rejected, retried and stale answers are reported
   */
  public static CachingQueries around(
      Vertx vertx,
      InstantQueries client,
      Duration timeout,
      QueryPathOptions options,
      QueryPathEvents events) {
    InstantQueries guarded =
        new ResilientQueries(
            vertx,
            client,
            timeout,
            options.maxConcurrent(),
            options.maxWait(),
            CIRCUIT_OPEN_FOR,
            events);
    if (!options.serveStaleFor().isZero()) {
      guarded = new StaleFallbackQueries(guarded, options.serveStaleFor(), events);
    }
    return new CachingQueries(vertx, guarded, options.cacheTtl());
  }
}
