package dev.metricsadapter.query;

/**
 * A label selector that is malformed, or that cannot be expressed in PromQL. Always the caller's
 * fault: the API layer answers it with 400 Bad Request and this message.
 */
public final class SelectorException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public SelectorException(String message) {
    super(message);
  }
}
