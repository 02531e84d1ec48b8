package dev.metricsadapter.testing;

import io.vertx.core.json.JsonObject;

/**
 * The {@code metav1.Status} body a Kubernetes API server answers a failure with, written out field
 * by field in the order servers write them, as tests expect it.
 */
public final class StatusJson {

  private StatusJson() {}

  /** The failure {@code Status} with HTTP {@code code}, {@code reason} and {@code message}. */
  public static JsonObject failure(int code, String reason, String message) {
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
