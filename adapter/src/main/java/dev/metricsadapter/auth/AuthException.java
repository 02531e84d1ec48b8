package dev.metricsadapter.auth;

import dev.metricsadapter.failure.AdapterException;

/** A request that is not authenticated (401), not allowed (403), or cannot be checked (503). */
public final class AuthException extends AdapterException {
  private static final long serialVersionUID = 1L;

  private AuthException(Kind kind, String message, Throwable cause) {
    super(kind, message, cause);
  }

  /** Invalid credentials; the message is Kubernetes' plain {@code Unauthorized}. */
  static AuthException unauthorized() {
    return new AuthException(Kind.UNAUTHORIZED, "Unauthorized", null);
  }

  /** Not allowed, with a message in Kubernetes' words. */
  static AuthException forbidden(String message) {
    return new AuthException(Kind.FORBIDDEN, message, null);
  }

  /** The Kubernetes API could not decide; the request fails closed. */
  static AuthException unavailable(String what, Throwable cause) {
    return new AuthException(
        Kind.UNAVAILABLE, "cannot " + what + ": the Kubernetes API is unavailable", cause);
  }
}
