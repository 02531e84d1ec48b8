package dev.metricsadapter.catalog;

import dev.metricsadapter.rules.CompiledRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  /**
   * Pairs each rule with the answer to its seriesQuery.
   *
   * @param answers the series each seriesQuery returned; a query without an answer has no series
   */
  public static List<RuleSeries> of(List<CompiledRule> rules, Map<String, List<Series>> answers) {
    List<RuleSeries> paired = new ArrayList<>();
    for (CompiledRule rule : rules) {
      paired.add(new RuleSeries(rule, answers.getOrDefault(rule.seriesQuery(), List.of())));
    }
    return paired;
  }
}
