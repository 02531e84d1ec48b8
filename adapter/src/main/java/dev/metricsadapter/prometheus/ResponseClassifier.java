package dev.metricsadapter.prometheus;

import java.util.regex.Pattern;

/**
 * Decides whether an HTTP exchange with Prometheus failed, and how. Rules: Prometheus' error object
 * ({@code "status":"error"}) becomes {@link PrometheusException#apiError} whatever the HTTP status;
 * any other non-2xx answer becomes {@link PrometheusException#httpError} with a short, sanitized
 * snippet of the body; a 2xx answer that is not a successful answer with data becomes {@link
 * PrometheusException#malformed}. Stateless.
 */
final class ResponseClassifier {

  /** The longest body snippet quoted in a message. */
  static final int MAX_SNIPPET = 160;

  private static final Pattern TAG = Pattern.compile("<[^>]*>?");
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)\\S+");
  private static final Pattern NOT_PRINTABLE =
      Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\x{FFFD}]");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private ResponseClassifier() {}

  /**
   * The failure of an exchange, or null when it succeeded.
   *
   * @param endpoint the API path, for messages
   * @param httpStatus the HTTP status received
   * @param envelope the answer's top-level fields as far as they could be read
   * @param parseProblem why the body is not a valid answer, or null
   * @param bodyPrefix the first bytes of the body, for messages
   */
  static PrometheusException failure(
      String endpoint,
      int httpStatus,
      ResponseEnvelope envelope,
      String parseProblem,
      String bodyPrefix) {
    boolean errorObject = parseProblem == null && envelope.isError();
    if (errorObject) {
      return PrometheusException.apiError(
          endpoint,
          httpStatus,
          envelope.errorType() == null ? "unknown" : envelope.errorType(),
          envelope.error() == null ? "" : envelope.error());
    }
    if (httpStatus < 200 || httpStatus > 299) {
      return PrometheusException.httpError(endpoint, httpStatus, snippet(bodyPrefix));
    }
    if (parseProblem != null) {
      return PrometheusException.malformed(endpoint, parseProblem);
    }
    if (!envelope.isSuccess()) {
      return PrometheusException.malformed(
          endpoint,
          envelope.status() == null
              ? "no status"
              : envelope.hasData() ? "status " + envelope.status() : "no data");
    }
    return null;
  }

  /**
   * A short, single-line version of a body that is safe to show: markup, control characters and
   * bearer tokens removed, whitespace collapsed, cut at {@link #MAX_SNIPPET} characters.
   */
  static String snippet(String body) {
    String text = TAG.matcher(body).replaceAll(" ");
    text = NOT_PRINTABLE.matcher(text).replaceAll(" ");
    text = BEARER.matcher(text).replaceAll("$1<redacted>");
    text = SPACES.matcher(text).replaceAll(" ").strip();
    if (text.length() > MAX_SNIPPET) {
      int end = MAX_SNIPPET;
      if (Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      text = text.substring(0, end) + "...";
    }
    return text;
  }
}
