package dev.metricsadapter.naming;

import java.util.List;

/**
 * The series discovered for one rule (the answer to its {@code seriesQuery}).
 *
 * @param rule the rule
 * @param series the series, in the order Prometheus listed them
 */
public record RuleSeries(CompiledRule rule, List<Series> series) {
  public RuleSeries {
    series = List.copyOf(series);
  }
}
