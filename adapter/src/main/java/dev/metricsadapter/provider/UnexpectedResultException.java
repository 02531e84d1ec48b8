package dev.metricsadapter.provider;

import dev.metricsadapter.failure.AdapterException;

/** A rule's query returned something other than an instant vector. A configuration fault. */
public final class UnexpectedResultException extends AdapterException {
  private static final long serialVersionUID = 1L;

  public UnexpectedResultException(String message) {
    super(Kind.INTERNAL, message);
  }
}
