package dev.metricsadapter.app;

import dev.metricsadapter.failure.AdapterException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for a future on a thread that may block (the main thread while assembling, a one-shot
 * command, the shutdown hook); never on a Vert.x event loop.
 */
final class Blocking {

  private Blocking() {}

  /**
   * The result of {@code future}, waiting at most {@code timeout}.
   *
   * @throws IllegalArgumentException for a request the adapter rejects as malformed
   * @throws IllegalStateException for any other failure, naming it, or a timeout
   */
  static <T> T await(Future<T> future, Duration timeout) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer within " + timeout, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AdapterException bad
          && bad.kind() == AdapterException.Kind.BAD_REQUEST) {
        throw new IllegalArgumentException(bad.getMessage(), bad);
      }
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }
}
