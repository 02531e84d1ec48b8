package dev.metricsadapter.query;

import dev.metricsadapter.failure.AdapterException;

/**
 * A label selector that is malformed, or that cannot be expressed in PromQL. Always the caller's
 * fault: the API layer answers it with 400 Bad Request and this message.
 */
public final class SelectorException extends AdapterException {
  private static final long serialVersionUID = 1L;

  public SelectorException(String message) {
    super(Kind.BAD_REQUEST, message);
  }
}
