package dev.metricsadapter.testing;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking helpers for tests (they run on the JUnit thread, never on an event loop). */
public final class Futures {

  private Futures() {}

  /** The result of {@code future}, waiting at most 30 s. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("the future failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (TimeoutException e) {
      throw new AssertionError("the future did not complete in 30 s", e);
    }
  }

  /** The failure of {@code future}, waiting at most 30 s. */
  public static Throwable failure(Future<?> future) {
    try {
      Object result = future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return fail("expected a failure, got " + result);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (TimeoutException e) {
      throw new AssertionError("the future did not complete in 30 s", e);
    }
  }

  /** The failure of {@code future}, which must be a {@code type}. */
  public static <E extends Throwable> E failure(Future<?> future, Class<E> type) {
    return assertInstanceOf(type, failure(future));
  }
}
