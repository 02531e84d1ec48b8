package dev.metricsadapter.prometheus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** Prometheus' wire form of time: decimal seconds since the epoch. Stateless. */
final class PrometheusTime {

  private PrometheusTime() {}

  /** Formats {@code time} as seconds with exactly three decimals ({@code 1712345678.901}). */
  static String format(Instant time) {
    return BigDecimal.valueOf(time.toEpochMilli(), 3).toPlainString();
  }

  /**
   * Converts decimal seconds ({@code 1712345678.901}) to an instant, rounded to the millisecond.
   *
   * @throws ArithmeticException when the value is out of range
   */
  static Instant parse(BigDecimal seconds) {
    return Instant.ofEpochMilli(
        seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
  }

  /**
   * The value of Prometheus' {@code timeout} parameter for a call with {@code remainingMillis}
   * left: a little less than the budget (5%, at most 500ms, at least 1ms is sent) so that
   * Prometheus reports its own timeout before the client gives up.
   */
  static String timeoutParameter(long remainingMillis) {
    long headroom = Math.min(500, remainingMillis / 20);
    return Math.max(1, remainingMillis - headroom) + "ms";
  }
}
