package dev.metricsadapter.e2e;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starting fabric8 informers with a deadline on their first list. */
final class Informers {

  /** How long an informer may take to list what it watches. */
  static final int SYNC_TIMEOUT_SECONDS = 60;

  private Informers() {}

  /**
   * Starts {@code informer} and waits until it has listed its objects.
   *
   * @param what names the objects in the failure message, e.g. {@code the pods of namespace demo}
   * @param onFailure runs before the exception is thrown (to close what was started)
   * @throws IllegalStateException if the list fails, takes longer than {@value
   *     #SYNC_TIMEOUT_SECONDS} s, or the wait is interrupted
   */
  static void startAndSync(SharedIndexInformer<?> informer, String what, Runnable onFailure) {
    try {
      informer.start().toCompletableFuture().get(SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      onFailure.run();
      throw new IllegalStateException(
          "cannot list " + what + " within " + SYNC_TIMEOUT_SECONDS + " s: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      onFailure.run();
      throw new IllegalStateException("interrupted while listing " + what, e);
    }
  }
}
