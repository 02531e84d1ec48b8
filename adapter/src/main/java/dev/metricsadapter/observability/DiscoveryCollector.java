package dev.metricsadapter.observability;

import dev.metricsadapter.catalog.CatalogEntry;
import dev.metricsadapter.catalog.ExternalCatalog;
import dev.metricsadapter.provider.DiscoveredSeries;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.rules.CompiledRule;
import dev.metricsadapter.rules.CompiledRules;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Discovery's state as metrics, read from the latest snapshot at scrape time: duration and time of
 * the last discovery, failing seriesQueries, and per rule the series discovered and metrics
 * produced.
 */
public final class DiscoveryCollector extends Collector {

  private final Supplier<DiscoverySnapshot> snapshot;
  private final Supplier<CompiledRules> rules;

  public DiscoveryCollector(Supplier<DiscoverySnapshot> snapshot, Supplier<CompiledRules> rules) {
    this.snapshot = snapshot;
    this.rules = rules;
  }

  @Override
  public List<MetricFamilySamples> collect() {
    DiscoverySnapshot current = snapshot.get();
    List<MetricFamilySamples> families = new ArrayList<>();
    families.add(
        new GaugeMetricFamily(
            "metrics_adapter_discovery_duration_seconds",
            "How long the last discovery took.",
            current.took().toMillis() / 1000.0));
    families.add(
        new GaugeMetricFamily(
            "metrics_adapter_discovery_last_success_timestamp_seconds",
            "When the last discovery completed (0 before the first).",
            current.completedAt().getEpochSecond()));
    families.add(
        new GaugeMetricFamily(
            "metrics_adapter_discovery_failing_queries",
            "seriesQueries whose last discovery call failed (their previous series are kept).",
            current.failingQueries()));
    GaugeMetricFamily series =
        new GaugeMetricFamily(
            "metrics_adapter_discovery_series",
            "Series the rule's seriesQuery returned.",
            List.of("rule"));
    GaugeMetricFamily metrics =
        new GaugeMetricFamily(
            "metrics_adapter_discovery_metrics", "Metrics the rule produces.", List.of("rule"));
    GaugeMetricFamily failing =
        new GaugeMetricFamily(
            "metrics_adapter_discovery_rule_failing",
            "1 while the rule's seriesQuery fails (its previous series are kept), else 0.",
            List.of("rule"));
    Map<CompiledRule, Integer> produced = new HashMap<>();
    for (CatalogEntry entry : current.catalog().entries()) {
      produced.merge(entry.rule(), 1, Integer::sum);
    }
    for (ExternalCatalog.Entry entry : current.external().entries()) {
      produced.merge(entry.rule(), 1, Integer::sum);
    }
    CompiledRules all = rules.get();
    List<CompiledRule> every = new ArrayList<>(all.rules());
    every.addAll(all.externalRules());
    for (CompiledRule rule : every) {
      String label = rule.toString();
      series.addMetric(
          List.of(label),
          current.seriesByQuery().getOrDefault(rule.seriesQuery(), DiscoveredSeries.NONE).count());
      metrics.addMetric(List.of(label), produced.getOrDefault(rule, 0));
      failing.addMetric(List.of(label), current.failures().containsKey(rule.seriesQuery()) ? 1 : 0);
    }
    families.add(series);
    families.add(metrics);
    families.add(failing);
    return families;
  }
}
