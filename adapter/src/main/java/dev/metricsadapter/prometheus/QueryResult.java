package dev.metricsadapter.prometheus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of an instant query.
 *
 * @param type the result type Prometheus reported
 * @param samples for a vector, one sample per series; for a scalar, one sample without labels; for
 *     a matrix or a string, empty
 */
public record QueryResult(Type type, List<Sample> samples) {

  /** Prometheus' {@code resultType}. */
  public enum Type {
    VECTOR,
    SCALAR,
    MATRIX,
    STRING
  }

  /**
   * One value.
   *
   * @param labels the series labels (without {@code __name__} when Prometheus dropped it)
   * @param timestamp the sample time
   * @param value the value exactly as Prometheus wrote it ({@code "1.5"}, {@code "NaN"}, {@code
   *     "+Inf"}, {@code "1e+21"})
   */
  public record Sample(Map<String, String> labels, Instant timestamp, String value) {
    public Sample {
      labels = Map.copyOf(labels);
    }
  }

  public QueryResult {
    samples = List.copyOf(samples);
  }
}
