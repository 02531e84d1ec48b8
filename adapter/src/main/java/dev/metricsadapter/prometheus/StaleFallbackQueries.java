package dev.metricsadapter.prometheus;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code --serve-stale-for} on instant queries ({@link StaleFallback}, keyed by the PromQL). The
 * samples keep their own timestamps, so a stale answer shows how old it is. Series listings pass
 * through.
 *
 * <p>The trade-off: without it the HPA keeps its replica count while the metric is unavailable;
 * with it the HPA keeps scaling on a value that may no longer be true.
 */
public final class StaleFallbackQueries implements InstantQueries {

  private final InstantQueries delegate;
  private final StaleFallback<QueryResult> fallback;

  /**
   * @param maxAge how long a result may stand in for a failed query, positive
   */
  public StaleFallbackQueries(InstantQueries delegate, Duration maxAge, QueryPathEvents events) {
    this(delegate, new StaleFallback<>("queries", maxAge, events));
  }

  /** As above, with the clock that ages results (for tests). */
  StaleFallbackQueries(
      InstantQueries delegate, Duration maxAge, QueryPathEvents events, Ticker ticker) {
    this(delegate, new StaleFallback<>("queries", maxAge, events, ticker));
  }

  private StaleFallbackQueries(InstantQueries delegate, StaleFallback<QueryResult> fallback) {
    this.delegate = delegate;
    this.fallback = fallback;
  }

  @Override
  public Future<QueryResult> query(String promql, Instant time) {
    return fallback.apply(promql, delegate.query(promql, time));
  }
}
