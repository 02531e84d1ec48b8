package dev.metricsadapter.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.prometheus.client.CollectorRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheCollectorTest {

  @Test
  void exportsHitsMissesAndEvictionsOfEachCache() {
    Cache<String, String> tokens =
        Caffeine.newBuilder().maximumSize(1).executor(Runnable::run).recordStats().build();
    Cache<String, String> reviews = Caffeine.newBuilder().recordStats().build();
    tokens.get("a", key -> "A");
    tokens.get("a", key -> "A");
    tokens.get("a", key -> "A");
    tokens.get("b", key -> "B");
    tokens.cleanUp();
    reviews.get("x", key -> "X");
    CollectorRegistry registry = new CollectorRegistry();
    registry.register(
        new CacheCollector(Map.of("token_review", tokens::stats, "access_review", reviews::stats)));

    assertEquals(
        2.0, sample(registry, "metrics_adapter_cache_lookups_total", "token_review", "hit"));
    assertEquals(
        2.0, sample(registry, "metrics_adapter_cache_lookups_total", "token_review", "miss"));
    assertEquals(
        0.0, sample(registry, "metrics_adapter_cache_lookups_total", "access_review", "hit"));
    assertEquals(
        1.0, sample(registry, "metrics_adapter_cache_lookups_total", "access_review", "miss"));
    assertEquals(
        1.0,
        registry.getSampleValue(
            "metrics_adapter_cache_evictions_total",
            new String[] {"cache"},
            new String[] {"token_review"}));
  }

  @Test
  void readsTheStatisticsAtEveryScrape() {
    Cache<String, String> cache = Caffeine.newBuilder().recordStats().build();
    CollectorRegistry registry = new CollectorRegistry();
    registry.register(new CacheCollector(Map.of("token_review", cache::stats)));
    assertEquals(
        0.0, sample(registry, "metrics_adapter_cache_lookups_total", "token_review", "miss"));

    cache.getIfPresent("absent");

    assertEquals(
        1.0, sample(registry, "metrics_adapter_cache_lookups_total", "token_review", "miss"));
  }

  private static Double sample(
      CollectorRegistry registry, String name, String cache, String result) {
    return registry.getSampleValue(
        name, new String[] {"cache", "result"}, new String[] {cache, result});
  }
}
