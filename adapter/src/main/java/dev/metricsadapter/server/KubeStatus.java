package dev.metricsadapter.server;

import dev.metricsadapter.failure.AdapterException;
import io.vertx.core.json.JsonObject;

/**
 * A Kubernetes {@code Status} failure: the HTTP code, the reason and the message shown to the
 * caller. The one place where a failure kind becomes an HTTP status.
 *
 * @param code the HTTP status code
 * @param reason the Status reason ({@code NotFound})
 * @param message the message for the caller
 */
record KubeStatus(int code, String reason, String message) {

  /** The answer to a failure the adapter did not expect; details go to the log only. */
  static final KubeStatus UNEXPECTED =
      new KubeStatus(
          500,
          "InternalError",
          "Internal error occurred: unexpected failure; see the adapter's log");

  /** The status for a known failure. */
  static KubeStatus of(AdapterException failure) {
    return of(failure.kind(), failure.getMessage());
  }

  /** The status for a failure of {@code kind}: the one table of codes and reasons. */
  static KubeStatus of(AdapterException.Kind kind, String message) {
    return switch (kind) {
      case BAD_REQUEST -> new KubeStatus(400, "BadRequest", message);
      case UNAUTHORIZED -> new KubeStatus(401, "Unauthorized", message);
      case FORBIDDEN -> new KubeStatus(403, "Forbidden", message);
      case NOT_FOUND -> new KubeStatus(404, "NotFound", message);
      case METHOD_NOT_ALLOWED -> new KubeStatus(405, "MethodNotAllowed", message);
      case REQUEST_LINE_TOO_LONG -> new KubeStatus(414, "BadRequest", message);
      case HEADERS_TOO_LARGE -> new KubeStatus(431, "BadRequest", message);
      case UNAVAILABLE -> new KubeStatus(503, "ServiceUnavailable", message);
      case TIMEOUT -> new KubeStatus(504, "Timeout", message);
      case INTERNAL -> new KubeStatus(500, "InternalError", "Internal error occurred: " + message);
    };
  }

  /**
   * The status for an HTTP failure code that Vert.x Web set itself (a missing Host header, the
   * request timeout): the kind with that code, else an internal error.
   */
  static KubeStatus ofCode(int code, String message) {
    for (AdapterException.Kind kind : AdapterException.Kind.values()) {
      if (of(kind, message).code() == code) {
        return of(kind, message);
      }
    }
    return of(AdapterException.Kind.INTERNAL, message);
  }

  /** The {@code Status} body. */
  JsonObject toJson() {
    return new JsonObject()
        .put("kind", "Status")
        .put("apiVersion", "v1")
        .put("metadata", new JsonObject())
        .put("status", "Failure")
        .put("message", message)
        .put("reason", reason)
        .put("code", code);
  }
}
