package dev.metricsadapter.prometheus;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;

/**
 * Coalesces and caches instant queries by their PromQL text: identical queries in flight at the
 * same time share one call to Prometheus (single flight), and a successful result answers the same
 * query again for {@code ttl} (zero: not at all, coalescing only). A failure is shared by the
 * queries waiting for it but never cached. The PromQL names everything a result depends on (series,
 * objects, selectors); queries ask for "now", so a cached result is at most {@code ttl} older than
 * a fresh one. At most {@value #MAX_ENTRIES} results are kept. Series calls pass through.
 * Thread-safe; callers get their results on their own Vert.x context.
 */
public final class CachingQueries implements InstantQueries {

  /** The bound on cached results. */
  static final int MAX_ENTRIES = 10_000;

  private final Vertx vertx;
  private final InstantQueries delegate;
  private final AsyncCache<String, QueryResult> results;

  /**
   * @param ttl how long a result is reused; zero coalesces concurrent queries only
   */
  public CachingQueries(Vertx vertx, InstantQueries delegate, Duration ttl) {
    this(vertx, delegate, ttl, Ticker.systemTicker());
  }

  /** As above, with the cache's clock (for tests). */
  CachingQueries(Vertx vertx, InstantQueries delegate, Duration ttl, Ticker ticker) {
    this.vertx = vertx;
    this.delegate = delegate;
    this.results =
        Caffeine.newBuilder()
            .expireAfterWrite(ttl)
            .maximumSize(MAX_ENTRIES)
            .ticker(ticker)
            .recordStats()
            .buildAsync();
  }

  @Override
  public Future<QueryResult> query(String promql, Instant time) {
    Context caller = vertx.getOrCreateContext();
    return Future.fromCompletionStage(
        results.get(
            promql,
            (key, executor) -> delegate.query(key, time).toCompletionStage().toCompletableFuture()),
        caller);
  }

  /** Hits (shared or cached results) and misses (calls to Prometheus). */
  public CacheStats cacheStats() {
    return results.synchronous().stats();
  }
}
