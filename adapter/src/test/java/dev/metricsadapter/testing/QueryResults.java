package dev.metricsadapter.testing;

import dev.metricsadapter.prometheus.QueryResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Instant-query results for scripting a Prometheus stand-in. */
public final class QueryResults {

  /** The time of every {@link #sample(Map, String)}: between two whole seconds. */
  public static final Instant SAMPLE_TIME = Instant.parse("2026-08-21T10:15:30.500Z");

  private QueryResults() {}

  /** A vector of {@code samples}, in this order. */
  public static QueryResult vector(QueryResult.Sample... samples) {
    return new QueryResult(QueryResult.Type.VECTOR, List.of(samples));
  }

  /**
   * A sample with {@code labels} and {@code value} (as Prometheus writes it) at {@link
   * #SAMPLE_TIME}.
   */
  public static QueryResult.Sample sample(Map<String, String> labels, String value) {
    return new QueryResult.Sample(labels, SAMPLE_TIME, value);
  }
}
