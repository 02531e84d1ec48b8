package dev.metricsadapter.prometheus;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.metricsadapter.rules.GoDuration;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --serve-stale-for} for one kind of Prometheus answer: remembers the last successful answer
 * per key for {@code maxAge}, and replaces a call that fails because Prometheus is unavailable or
 * too slow (503 or 504, {@link PrometheusException#isOutage}) with that answer while it is younger
 * than {@code maxAge}. Each such answer is reported as an event; the first of a run of them is
 * logged as a warning, and so is the first success after them. Other failures (a bad query, an
 * unreadable answer) are never masked. At most {@value CachingQueries#MAX_ENTRIES} answers are
 * kept. Thread-safe; never blocks.
 *
 * @param <V> the answer
 */
public final class StaleFallback<V> {

  private static final Logger LOG = LoggerFactory.getLogger(StaleFallback.class);

  private final String what;
  private final Duration maxAge;
  private final QueryPathEvents events;
  private final Cache<String, V> lastGood;
  private final AtomicBoolean servingStale = new AtomicBoolean();

  /**
   * @param what names the answers in log lines, e.g. {@code queries}
   * @param maxAge how long an answer may stand in for a failed call, positive
   */
  public StaleFallback(String what, Duration maxAge, QueryPathEvents events) {
    this(what, maxAge, events, Ticker.systemTicker());
  }

  /** As above, with the clock that ages answers (for tests). */
  StaleFallback(String what, Duration maxAge, QueryPathEvents events, Ticker ticker) {
    this.what = what;
    this.maxAge = maxAge;
    this.events = events;
    this.lastGood =
        Caffeine.newBuilder()
            .expireAfterWrite(maxAge)
            .maximumSize(CachingQueries.MAX_ENTRIES)
            .ticker(ticker)
            .build();
  }

  /** {@code call}'s answer, remembered under {@code key}; on an outage the last good one. */
  public Future<V> apply(String key, Future<V> call) {
    return call.onSuccess(
            answer -> {
              lastGood.put(key, answer);
              if (servingStale.compareAndSet(true, false)) {
                LOG.warn(
                    "Prometheus answers again; no longer answering {} with earlier results", what);
              }
            })
        .recover(
            failure -> {
              V stale = PrometheusException.isOutage(failure) ? lastGood.getIfPresent(key) : null;
              if (stale == null) {
                return Future.failedFuture(failure);
              }
              events.staleAnswer();
              if (servingStale.compareAndSet(false, true)) {
                LOG.warn(
                    "answering failed {} with results up to {} old: {}",
                    what,
                    GoDuration.format(maxAge),
                    failure.getMessage());
              }
              LOG.debug("earlier result for {}", key);
              return Future.succeededFuture(stale);
            });
  }
}
