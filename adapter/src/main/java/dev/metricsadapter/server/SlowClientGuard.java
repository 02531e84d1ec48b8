package dev.metricsadapter.server;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes connections that have not delivered a complete first request within a deadline, so a
 * client trickling its request line or headers cannot hold a connection (the idle timeout covers
 * connections after their first request). Thread-safe.
 */
public final class SlowClientGuard {

  private final Vertx vertx;
  private final long deadlineMillis;
  private final Map<HttpConnection, Long> waiting = new ConcurrentHashMap<>();

  public SlowClientGuard(Vertx vertx, Duration deadline) {
    this.vertx = vertx;
    this.deadlineMillis = deadline.toMillis();
  }

  /** To register with {@code HttpServer.connectionHandler}. */
  public Handler<HttpConnection> connections() {
    return connection -> {
      long timer =
          vertx.setTimer(
              deadlineMillis,
              id -> {
                if (waiting.remove(connection) != null) {
                  connection.close();
                }
              });
      waiting.put(connection, timer);
      connection.closeHandler(closed -> cancel(connection));
    };
  }

  /** Wraps the request handler: a request that arrives lifts its connection's deadline. */
  public Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
    return request -> {
      cancel(request.connection());
      next.handle(request);
    };
  }

  private void cancel(HttpConnection connection) {
    Long timer = waiting.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
