package dev.metricsadapter.catalog;

import dev.metricsadapter.rules.CompiledRule;
import java.util.Collections;
import java.util.List;

/**
 * The series discovered for one rule (the answer to its {@code seriesQuery}), each with how many
 * listed series it stands for: one for a series, every series of its shape for a shape ({@link
 * Series#shapeOf}), since a rule makes the same of every series of one shape.
 *
 * @param rule the rule
 * @param series the series or shapes, in the order Prometheus first listed them
 * @param counts how many listed series each entry of {@code series} stands for, in the same order
 */
public record RuleSeries(CompiledRule rule, List<Series> series, List<Long> counts) {
  public RuleSeries {
    series = List.copyOf(series);
    counts = List.copyOf(counts);
    if (counts.size() != series.size()) {
      throw new IllegalArgumentException(
          counts.size() + " counts for " + series.size() + " series of rule " + rule);
    }
  }

  /** Series listed once each. */
  public RuleSeries(CompiledRule rule, List<Series> series) {
    this(rule, series, Collections.nCopies(series.size(), 1L));
  }

  /** How many listed series the entries stand for. */
  public long count() {
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    return total;
  }
}
