package dev.metricsadapter.naming;

import java.util.Map;
import java.util.Objects;

/**
 * One series as Prometheus' {@code /api/v1/series} lists it.
 *
 * @param name the metric name ({@code __name__})
 * @param labels the other labels
 */
public record Series(String name, Map<String, String> labels) {
  public Series {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
  }
}
