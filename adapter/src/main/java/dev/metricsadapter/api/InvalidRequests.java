package dev.metricsadapter.api;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers requests the HTTP decoder could not parse: 414 for an oversized request line, 431 for
 * oversized headers, 400 for everything else (including unknown HTTP versions, flagged by {@link
 * HttpVersionGuard}), always closing the connection.
 */
public final class InvalidRequests {

  private InvalidRequests() {}

  /** To register with {@code HttpServer.invalidRequestHandler}. */
  public static Handler<HttpServerRequest> handler() {
    return request -> {
      Throwable cause = request.decoderResult().cause();
      int status =
          cause instanceof TooLongHttpLineException
              ? 414
              : cause instanceof TooLongHttpHeaderException
                      || cause instanceof TooLongFrameException
                  ? 431
                  : 400;
      request
          .response()
          .setStatusCode(status)
          .putHeader("Connection", "close")
          .end()
          .onComplete(done -> request.connection().close());
    };
  }
}
