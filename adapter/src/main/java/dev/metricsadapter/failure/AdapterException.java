package dev.metricsadapter.failure;

import java.time.Duration;
import java.util.Optional;

/**
 * The root of the adapter's failures. Each failure says what kind of failure it is; the API layer
 * alone turns the kind into an HTTP status and Kubernetes Status reason. Messages are meant for the
 * caller (they appear in {@code kubectl describe hpa}) and must not carry secrets.
 */
public abstract class AdapterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure this is, from the caller's point of view. */
  public enum Kind {
    /** The request is malformed: bad path, selector or parameter (400). */
    BAD_REQUEST,
    /** The caller's credentials are invalid (401). */
    UNAUTHORIZED,
    /** The caller, or the adapter on its behalf, may not see this (403). */
    FORBIDDEN,
    /** No such metric, resource or value (404). */
    NOT_FOUND,
    /** The method is not served on this path (405). */
    METHOD_NOT_ALLOWED,
    /** The request line is longer than the server reads (414). */
    REQUEST_LINE_TOO_LONG,
    /** The request headers are larger than the server reads (431). */
    HEADERS_TOO_LARGE,
    /** A backend could not be reached, or the adapter is overloaded (503). */
    UNAVAILABLE,
    /** A backend did not answer in time (504). */
    TIMEOUT,
    /** Anything else: a backend error, a configuration fault (500). */
    INTERNAL
  }

  private final Kind kind;

  protected AdapterException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  protected AdapterException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** The kind of failure. */
  public Kind kind() {
    return kind;
  }

  /**
   * What the log says of this failure: the message, plus details the caller need not see (such as
   * the PromQL that failed). Defaults to the message.
   */
  public String logDetail() {
    return getMessage();
  }

  /**
   * When the caller may usefully try again, for a {@code Retry-After} header; empty by default.
   * Overload and fail-fast failures say how long to back off.
   */
  public Optional<Duration> retryAfter() {
    return Optional.empty();
  }
}
