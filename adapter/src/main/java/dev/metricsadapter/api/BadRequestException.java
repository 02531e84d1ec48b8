package dev.metricsadapter.api;

import dev.metricsadapter.failure.AdapterException;

/** A malformed request path or parameter (400). */
final class BadRequestException extends AdapterException {
  private static final long serialVersionUID = 1L;

  BadRequestException(String message) {
    super(Kind.BAD_REQUEST, message);
  }
}
