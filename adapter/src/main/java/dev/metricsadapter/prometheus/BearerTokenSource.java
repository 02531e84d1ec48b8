package dev.metricsadapter.prometheus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bearer token read from a file that may be replaced at any time (projected service-account
 * tokens rotate). The file is read once, blocking, at construction; afterwards a periodic Vert.x
 * timer re-reads it asynchronously and swaps the cached token when the content changed. A read
 * failure or an empty file keeps the previous token and is logged. The token itself is never
 * logged. {@link #current()} is thread-safe; {@link #close()} stops the timer.
 */
final class BearerTokenSource implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BearerTokenSource.class);

  private final Vertx vertx;
  private final Path file;
  private final long timerId;
  private final AtomicBoolean reading = new AtomicBoolean();
  private volatile String token;

  /**
   * Reads {@code file} now and re-reads it every {@code refreshPeriod}.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when the file holds no token
   */
  BearerTokenSource(Vertx vertx, Path file, Duration refreshPeriod) {
    if (refreshPeriod.toMillis() < 1) {
      throw new IllegalArgumentException("the token refresh period must be at least 1ms");
    }
    this.vertx = vertx;
    this.file = file;
    String initial;
    try {
      initial = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Prometheus token file " + file, e);
    }
    if (initial.isEmpty()) {
      throw new IllegalArgumentException("the Prometheus token file " + file + " is empty");
    }
    this.token = initial;
    this.timerId = vertx.setPeriodic(refreshPeriod.toMillis(), id -> refresh());
  }

  /** The token to send now, without the {@code Bearer } prefix. */
  String current() {
    return token;
  }

  /**
   * Re-reads the file now (the timer calls this); completes when the read is done, at once when a
   * read is already under way. Never fails: problems are logged.
   */
  Future<Void> refresh() {
    if (!reading.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return vertx
        .fileSystem()
        .readFile(file.toString())
        .transform(
            read -> {
              reading.set(false);
              if (read.succeeded()) {
                swap(read.result());
              } else {
                LOG.warn(
                    "Cannot re-read the Prometheus token file {}; keeping the current token: {}",
                    file,
                    read.cause().getMessage());
              }
              return Future.<Void>succeededFuture();
            });
  }

  private void swap(Buffer content) {
    String fresh = content.toString(StandardCharsets.UTF_8).strip();
    if (fresh.isEmpty()) {
      LOG.warn("The Prometheus token file {} is empty; keeping the current token", file);
    } else if (!fresh.equals(token)) {
      token = fresh;
      LOG.info("The Prometheus token file {} changed; using the new token", file);
    }
  }

  @Override
  public void close() {
    vertx.cancelTimer(timerId);
  }
}
