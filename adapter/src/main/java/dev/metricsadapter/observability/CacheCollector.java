package dev.metricsadapter.observability;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Exports {@code metrics_adapter_cache_lookups_total{cache, result="hit"|"miss"}} and {@code
 * metrics_adapter_cache_evictions_total{cache}} from the statistics of Caffeine caches built with
 * {@code recordStats()}. Reads the statistics at scrape time, so lookups cost nothing extra.
 */
public final class CacheCollector extends Collector {

  private final Map<String, Supplier<CacheStats>> caches;

  /**
   * @param caches each cache's statistics, by the name used as its {@code cache} label
   */
  public CacheCollector(Map<String, Supplier<CacheStats>> caches) {
    this.caches = Map.copyOf(caches);
  }

  @Override
  public List<MetricFamilySamples> collect() {
    CounterMetricFamily lookups =
        new CounterMetricFamily(
            "metrics_adapter_cache_lookups",
            "Cache lookups by cache and result (hit or miss).",
            List.of("cache", "result"));
    CounterMetricFamily evictions =
        new CounterMetricFamily(
            "metrics_adapter_cache_evictions",
            "Cache entries evicted for size or expiry.",
            List.of("cache"));
    caches.forEach(
        (name, statistics) -> {
          CacheStats stats = statistics.get();
          lookups.addMetric(List.of(name, "hit"), stats.hitCount());
          lookups.addMetric(List.of(name, "miss"), stats.missCount());
          evictions.addMetric(List.of(name), stats.evictionCount());
        });
    return List.of(lookups, evictions);
  }
}
