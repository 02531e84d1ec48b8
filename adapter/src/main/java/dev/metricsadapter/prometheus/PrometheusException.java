package dev.metricsadapter.prometheus;

import dev.metricsadapter.failure.AdapterException;

/**
 * A failed call to Prometheus. The message names the endpoint and what went wrong (Prometheus'
 * {@code errorType} and {@code error}, an HTTP status, or the connection problem), never the
 * credentials.
 */
public final class PrometheusException extends AdapterException {
  private static final long serialVersionUID = 1L;

  private final String errorType;
  private final int httpStatus;

  private PrometheusException(
      Kind kind, String message, String errorType, int httpStatus, Throwable cause) {
    super(kind, message, cause);
    this.errorType = errorType;
    this.httpStatus = httpStatus;
  }

  /**
   * Prometheus answered with its error JSON. {@code timeout} maps to {@link Kind#TIMEOUT}, {@code
   * unavailable} to {@link Kind#UNAVAILABLE}, everything else to {@link Kind#INTERNAL}.
   */
  public static PrometheusException apiError(
      String endpoint, int httpStatus, String errorType, String error) {
    Kind kind =
        switch (errorType) {
          case "timeout" -> Kind.TIMEOUT;
          case "unavailable" -> Kind.UNAVAILABLE;
          default -> Kind.INTERNAL;
        };
    return new PrometheusException(
        kind,
        "Prometheus " + endpoint + " failed: " + errorType + ": " + error,
        errorType,
        httpStatus,
        null);
  }

  /**
   * Prometheus (or a proxy in front of it) answered with an unexpected status or body: 502 and 503
   * map to {@link Kind#UNAVAILABLE}, 504 to {@link Kind#TIMEOUT}, others to {@link Kind#INTERNAL}.
   */
  public static PrometheusException httpError(String endpoint, int httpStatus, String detail) {
    Kind kind =
        switch (httpStatus) {
          case 502, 503 -> Kind.UNAVAILABLE;
          case 504 -> Kind.TIMEOUT;
          default -> Kind.INTERNAL;
        };
    return new PrometheusException(
        kind,
        "Prometheus "
            + endpoint
            + " answered HTTP "
            + httpStatus
            + (detail.isEmpty() ? "" : ": " + detail),
        "",
        httpStatus,
        null);
  }

  /** Prometheus could not be reached (connection refused, DNS, TLS handshake, reset). */
  public static PrometheusException unreachable(String endpoint, Throwable cause) {
    return new PrometheusException(
        Kind.UNAVAILABLE,
        "Prometheus " + endpoint + " is unreachable: " + cause.getMessage(),
        "",
        0,
        cause);
  }

  /** No answer within the deadline. */
  public static PrometheusException timeout(String endpoint, long timeoutMillis) {
    return new PrometheusException(
        Kind.TIMEOUT,
        "Prometheus " + endpoint + " did not answer within " + timeoutMillis + "ms",
        "",
        0,
        null);
  }

  /** The answer could not be parsed, or had an unexpected shape. */
  public static PrometheusException malformed(String endpoint, String detail) {
    return new PrometheusException(
        Kind.INTERNAL,
        "Prometheus " + endpoint + " sent an unreadable answer: " + detail,
        "",
        0,
        null);
  }

  /**
   * Whether {@code failure} says Prometheus is down, overloaded or too slow (503 or 504), as
   * opposed to a bad query or an unreadable answer.
   */
  public static boolean isOutage(Throwable failure) {
    return failure instanceof AdapterException e
        && (e.kind() == Kind.UNAVAILABLE || e.kind() == Kind.TIMEOUT);
  }

  /**
   * Whether {@code failure} says Prometheus refused the query itself: its {@code bad_data} error (a
   * query that does not parse), or HTTP 400, 413, 414 or 422 (a query too large or too heavy to
   * run). Such a query fails the same way until it changes. Credentials (401, 403), a wrong URL
   * (404), throttling (429) and outages are not the query's fault and may pass.
   */
  public static boolean isQueryRejected(Throwable failure) {
    if (!(failure instanceof PrometheusException e)) {
      return false;
    }
    return "bad_data".equals(e.errorType)
        || e.httpStatus == 400
        || e.httpStatus == 413
        || e.httpStatus == 414
        || e.httpStatus == 422;
  }

  /**
   * Whether Prometheus could not be reached at all (no answer of any kind), the failure a quick
   * retry may overcome.
   */
  public boolean isConnectionFailure() {
    return kind() == Kind.UNAVAILABLE && httpStatus == 0 && errorType.isEmpty();
  }

  /** Prometheus' {@code errorType}, or empty when the failure was not an API error. */
  public String errorType() {
    return errorType;
  }

  /** The HTTP status received, or 0 when none was. */
  public int httpStatus() {
    return httpStatus;
  }
}
