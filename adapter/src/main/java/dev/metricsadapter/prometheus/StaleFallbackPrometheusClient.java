package dev.metricsadapter.prometheus;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.metricsadapter.config.GoDuration;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --serve-stale-for}: remembers the last successful result of each query for {@code maxAge},
 * and answers a query that fails because Prometheus is unavailable or too slow (503 or 504) with
 * that result while it is younger than {@code maxAge}. Each such answer is reported as an event;
 * the first of a run of such answers is logged as a warning. Other failures (a bad query, an
 * unreadable answer) are never masked. The samples keep their own timestamps, so the answer shows
 * how old it is. At most {@value CachingPrometheusClient#MAX_ENTRIES} results are kept.
 * Thread-safe; never blocks.
 *
 * <p>The trade-off: without it the HPA keeps its replica count while the metric is unavailable;
 * with it the HPA keeps scaling on a value that may no longer be true.
 */
public final class StaleFallbackPrometheusClient implements PrometheusClient {

  private static final Logger LOG = LoggerFactory.getLogger(StaleFallbackPrometheusClient.class);

  private final PrometheusClient delegate;
  private final Cache<String, QueryResult> lastGood;
  private final QueryPathEvents events;
  private final Duration maxAge;
  private final AtomicBoolean servingStale = new AtomicBoolean();

  /**
   * @param maxAge how long a result may stand in for a failed query, positive
   */
  public StaleFallbackPrometheusClient(
      PrometheusClient delegate, Duration maxAge, QueryPathEvents events) {
    this(delegate, maxAge, events, Ticker.systemTicker());
  }

  /** As above, with the clock that ages results (for tests). */
  StaleFallbackPrometheusClient(
      PrometheusClient delegate, Duration maxAge, QueryPathEvents events, Ticker ticker) {
    this.delegate = delegate;
    this.events = events;
    this.maxAge = maxAge;
    this.lastGood =
        Caffeine.newBuilder()
            .expireAfterWrite(maxAge)
            .maximumSize(CachingPrometheusClient.MAX_ENTRIES)
            .ticker(ticker)
            .build();
  }

  @Override
  public Future<Void> series(String match, Instant start, Consumer<Map<String, String>> sink) {
    return delegate.series(match, start, sink);
  }

  @Override
  public Future<QueryResult> query(String promql, Instant time) {
    return delegate
        .query(promql, time)
        .onSuccess(
            result -> {
              lastGood.put(promql, result);
              if (servingStale.compareAndSet(true, false)) {
                LOG.warn("Prometheus answers again; no longer answering with earlier results");
              }
            })
        .recover(
            failure -> {
              QueryResult stale =
                  PrometheusException.isOutage(failure) ? lastGood.getIfPresent(promql) : null;
              if (stale == null) {
                return Future.failedFuture(failure);
              }
              events.staleAnswer();
              if (servingStale.compareAndSet(false, true)) {
                LOG.warn(
                    "answering failed queries with results up to {} old: {}",
                    GoDuration.format(maxAge),
                    failure.getMessage());
              }
              LOG.debug("earlier result for {}", promql);
              return Future.succeededFuture(stale);
            });
  }
}
