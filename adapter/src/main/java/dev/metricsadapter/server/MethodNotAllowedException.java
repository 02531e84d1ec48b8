package dev.metricsadapter.server;

import dev.metricsadapter.failure.AdapterException;

/** A method other than GET on an API path (405), in the API server's words. */
final class MethodNotAllowedException extends AdapterException {
  private static final long serialVersionUID = 1L;

  MethodNotAllowedException() {
    super(
        Kind.METHOD_NOT_ALLOWED, "the server does not allow this method on the requested resource");
  }
}
