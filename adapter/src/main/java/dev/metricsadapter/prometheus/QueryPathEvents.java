package dev.metricsadapter.prometheus;

/**
 * What the query path reports about protecting Prometheus (for self-metrics). Implementations are
 * thread-safe and never block.
 */
public interface QueryPathEvents {

  /** A query was not sent: {@code overloaded} or {@code circuit_open}. */
  void rejected(String reason);

  /** A query that could not connect was sent again. */
  void retried();

  /** A failed query was answered with an earlier result. */
  void staleAnswer();
}
