package dev.metricsadapter.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON, text and Kubernetes {@code Status} answers. */
final class Responses {

  private Responses() {}

  /** Answers {@code body} as JSON with {@code code}, unless the response already ended. */
  static void json(RoutingContext ctx, int code, JsonObject body) {
    json(ctx, code, body.toBuffer());
  }

  /** Answers the JSON {@code body} with {@code code}, unless the response already ended. */
  static void json(RoutingContext ctx, int code, Buffer body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(code).putHeader("Content-Type", "application/json").end(body);
  }

  /** Answers plain text. */
  static void text(RoutingContext ctx, int code, String body) {
    ctx.response()
        .setStatusCode(code)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(body);
  }

  /** Answers a Kubernetes {@code Status} failure. */
  static void status(RoutingContext ctx, KubeStatus status) {
    json(ctx, status.code(), status.toJson());
  }
}
