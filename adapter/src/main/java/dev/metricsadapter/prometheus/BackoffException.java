package dev.metricsadapter.prometheus;

import dev.metricsadapter.failure.AdapterException;
import java.time.Duration;
import java.util.Optional;

/**
 * A query not sent to Prometheus to protect it: too many queries already run or wait, or Prometheus
 * has been failing and the adapter fails fast for a while. Answered with 503 and a {@code
 * Retry-After} header.
 */
public final class BackoffException extends AdapterException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  private BackoffException(String message, Duration retryAfter) {
    super(Kind.UNAVAILABLE, message);
    this.retryAfter = retryAfter;
  }

  /** Every query slot is taken and the wait for one ended or could not start. */
  static BackoffException overloaded(int running, Duration retryAfter) {
    return new BackoffException(
        "too many concurrent queries to Prometheus ("
            + running
            + " running and the waiting line is full or took too long); retry later",
        retryAfter);
  }

  /** The circuit breaker is open. */
  static BackoffException circuitOpen(Duration retryAfter) {
    return new BackoffException(
        "Prometheus is failing (most recent queries were unavailable or timed out); not querying it"
            + " for up to "
            + retryAfter.toSeconds()
            + "s",
        retryAfter);
  }

  @Override
  public Optional<Duration> retryAfter() {
    return Optional.of(retryAfter);
  }
}
