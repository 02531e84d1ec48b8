package dev.metricsadapter.prometheus;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The write end a response body is piped into: hands each chunk to a {@link BodyConsumer}, keeps
 * the first bytes for error messages, and remembers the first failure instead of failing the pipe
 * (so the HTTP status is still known when the body turns out not to be JSON). Once {@link #cancel()
 * cancelled}, chunks are dropped. Writes always succeed and never apply back-pressure: consumers
 * work synchronously. Used from one context; {@link #cancel()} may come from any thread.
 */
final class ResponseBodyStream implements WriteStream<Buffer> {

  /** How many leading bytes are kept for {@link #prefix()}. */
  static final int PREFIX_BYTES = 512;

  private final BodyConsumer consumer;
  private final Buffer prefix = Buffer.buffer();
  private volatile boolean cancelled;
  private Throwable failure;
  private boolean finished;

  ResponseBodyStream(BodyConsumer consumer) {
    this.consumer = consumer;
  }

  @Override
  public Future<Void> write(Buffer data) {
    keepPrefix(data);
    if (failure == null && !cancelled && data.length() > 0) {
      try {
        consumer.accept(data.getBytes());
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
    write(data).onComplete(handler);
  }

  @Override
  public void end(Handler<AsyncResult<Void>> handler) {
    Future.<Void>succeededFuture().onComplete(handler);
  }

  /**
   * Tells the consumer that the body is complete (once); failures are then available from {@link
   * #failure()}.
   */
  void finish() {
    if (finished || failure != null || cancelled) {
      return;
    }
    finished = true;
    try {
      consumer.finish();
    } catch (IOException | RuntimeException e) {
      failure = e;
    }
  }

  /** Drops every later chunk: the call was given up. */
  void cancel() {
    cancelled = true;
  }

  /**
   * The first failure: an {@link IOException} when the body is not a valid answer, a {@link
   * RuntimeException} thrown by the consumer's own callbacks, or null.
   */
  Throwable failure() {
    return failure;
  }

  /** The first {@link #PREFIX_BYTES} bytes of the body, decoded leniently as UTF-8. */
  String prefix() {
    return prefix.toString(StandardCharsets.UTF_8);
  }

  private void keepPrefix(Buffer data) {
    int room = PREFIX_BYTES - prefix.length();
    if (room > 0) {
      prefix.appendBuffer(data, 0, Math.min(room, data.length()));
    }
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    return this;
  }
}
