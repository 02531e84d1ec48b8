package dev.metricsadapter.prometheus;

/**
 * The top-level fields every Prometheus API answer shares.
 *
 * @param status {@code success}, {@code error}, or null when absent
 * @param errorType Prometheus' error class ({@code bad_data}, {@code timeout}, ...), or null
 * @param error the error message, or null
 * @param hasData whether a {@code data} field was present
 */
record ResponseEnvelope(String status, String errorType, String error, boolean hasData) {

  /** Whether this is Prometheus' error object. */
  boolean isError() {
    return "error".equals(status);
  }

  /** Whether this is a successful answer with data. */
  boolean isSuccess() {
    return "success".equals(status) && hasData;
  }
}
