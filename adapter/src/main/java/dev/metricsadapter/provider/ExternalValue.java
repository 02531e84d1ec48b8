package dev.metricsadapter.provider;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One value of an external metric: one series of the query's result.
 *
 * @param metric the metric name
 * @param labels the series' labels (empty for a scalar result)
 * @param timestamp the sample time
 * @param value the exact, finite value
 */
public record ExternalValue(
    String metric, Map<String, String> labels, Instant timestamp, BigDecimal value) {
  public ExternalValue {
    labels = Map.copyOf(labels);
  }
}
