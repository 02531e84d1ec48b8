package dev.metricsadapter.catalog;

import dev.metricsadapter.rules.CompiledRule;

/**
 * A servable custom metric: its key, the series it is computed from, and the rule that computes it.
 *
 * @param key how requests name it
 * @param seriesName the discovered series behind it ({@code .Series})
 * @param rule the rule that produced it
 */
public record CatalogEntry(MetricKey key, String seriesName, CompiledRule rule)
    implements MetricSource {}
