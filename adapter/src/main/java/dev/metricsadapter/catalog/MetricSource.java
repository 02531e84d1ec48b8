package dev.metricsadapter.catalog;

import dev.metricsadapter.rules.CompiledRule;

/** Where a served metric comes from: the rule that computes it and the series behind it. */
public interface MetricSource {

  /** The rule that computes the metric. */
  CompiledRule rule();

  /** The discovered series behind the metric ({@code .Series}). */
  String seriesName();

  /** Whether {@code other} comes from the same rule (the same instance) and series. */
  default boolean sameSourceAs(MetricSource other) {
    return rule() == other.rule() && seriesName().equals(other.seriesName());
  }
}
