package dev.metricsadapter.provider;

import dev.metricsadapter.failure.AdapterException;

/** A selector the request may not use in the adapter's current mode (400). */
public final class BadSelectorException extends AdapterException {
  private static final long serialVersionUID = 1L;

  public BadSelectorException(String message) {
    super(Kind.BAD_REQUEST, message);
  }
}
