package dev.metricsadapter.provider;

import dev.metricsadapter.prometheus.PrometheusException;
import java.util.Objects;

/**
 * Why a seriesQuery's last discovery call failed.
 *
 * @param message what went wrong, as Prometheus or the connection said
 * @param definitive whether Prometheus refused the query itself ({@link
 *     PrometheusException#isQueryRejected}): asking again will not help until the rule changes, so
 *     the query counts as answered for readiness
 */
public record QueryFailure(String message, boolean definitive) {

  public QueryFailure {
    Objects.requireNonNull(message, "message");
  }

  /** The failure {@code cause} describes. */
  public static QueryFailure of(Throwable cause) {
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return new QueryFailure(message, PrometheusException.isQueryRejected(cause));
  }
}
