package dev.metricsadapter.server;

import dev.metricsadapter.failure.AdapterException;

/** A path the adapter does not serve (404), in the API server's words. */
final class PathNotFoundException extends AdapterException {
  private static final long serialVersionUID = 1L;

  PathNotFoundException() {
    super(Kind.NOT_FOUND, "the server could not find the requested resource");
  }
}
