package dev.metricsadapter.server;

import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.tls.ServingOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.Map;

/**
 * The same request-size limits on every protocol, each answered with a Kubernetes {@code Status}: a
 * request line ({@code METHOD target HTTP/x}) longer than {@value ServingOptions#MAX_REQUEST_LINE}
 * bytes is 414, headers larger than {@value ServingOptions#MAX_HEADER_SIZE} bytes (each counted as
 * {@code name: value}) are 431. HTTP/1.1's decoder enforces them itself ({@link InvalidRequests});
 * over HTTP/2, where the server advertises a header list large enough for both ({@link
 * ServingOptions#MAX_HEADER_LIST_SIZE}), {@link #guard} enforces them per stream, so an oversized
 * request never costs the connection.
 */
public final class RequestLimits {

  /** {@code " HTTP/1.1"}: what a request line adds to the method and target. */
  private static final int VERSION_LENGTH = " HTTP/1.1".length();

  private RequestLimits() {}

  /** Passes HTTP/2 requests within the limits to {@code next}; answers the others. */
  public static Handler<HttpServerRequest> guard(Handler<HttpServerRequest> next) {
    return request -> {
      if (request.version() != HttpVersion.HTTP_2) {
        next.handle(request);
      } else if (requestLine(request) > ServingOptions.MAX_REQUEST_LINE) {
        answer(request.response(), requestLineTooLong());
      } else if (headerSize(request) > ServingOptions.MAX_HEADER_SIZE) {
        answer(request.response(), headersTooLarge());
      } else {
        next.handle(request);
      }
    };
  }

  /** The 414 answer. */
  static KubeStatus requestLineTooLong() {
    return KubeStatus.of(
        AdapterException.Kind.REQUEST_LINE_TOO_LONG,
        "the request line is longer than " + ServingOptions.MAX_REQUEST_LINE / 1024 + " KiB");
  }

  /** The 431 answer. */
  static KubeStatus headersTooLarge() {
    return KubeStatus.of(
        AdapterException.Kind.HEADERS_TOO_LARGE,
        "the request headers are larger than " + ServingOptions.MAX_HEADER_SIZE / 1024 + " KiB");
  }

  /** Answers {@code status} as a {@code Status} body. */
  static Future<Void> answer(HttpServerResponse response, KubeStatus status) {
    return response
        .setStatusCode(status.code())
        .putHeader("Content-Type", "application/json")
        .end(status.toJson().toBuffer());
  }

  private static int requestLine(HttpServerRequest request) {
    return request.method().name().length() + 1 + request.uri().length() + VERSION_LENGTH;
  }

  private static long headerSize(HttpServerRequest request) {
    long size = 0;
    for (Map.Entry<String, String> header : request.headers()) {
      size += header.getKey().length() + 2 + header.getValue().length();
    }
    return size;
  }
}
