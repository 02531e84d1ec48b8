package dev.metricsadapter.server;

import dev.metricsadapter.failure.AdapterException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers HTTP/1.x requests the decoder could not parse with a Kubernetes {@code Status}: 414 for
 * an oversized request line, 431 for oversized headers ({@link RequestLimits}), 400 for everything
 * else (including unknown HTTP versions, flagged by {@link HttpVersionGuard}), always closing the
 * connection (its framing is lost).
 */
public final class InvalidRequests {

  private InvalidRequests() {}

  /** To register with {@code HttpServer.invalidRequestHandler}. */
  public static Handler<HttpServerRequest> handler() {
    return request -> {
      Throwable cause = request.decoderResult().cause();
      KubeStatus status =
          cause instanceof TooLongHttpLineException
              ? RequestLimits.requestLineTooLong()
              : cause instanceof TooLongHttpHeaderException
                      || cause instanceof TooLongFrameException
                  ? RequestLimits.headersTooLarge()
                  : KubeStatus.of(
                      AdapterException.Kind.BAD_REQUEST, "the request could not be parsed");
      request.response().putHeader("Connection", "close");
      RequestLimits.answer(request.response(), status)
          .onComplete(done -> request.connection().close());
    };
  }
}
