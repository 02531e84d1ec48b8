package dev.metricsadapter.prometheus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * Bounds how many tasks run at once. A task beyond the bound waits in a line of bounded length for
 * at most {@code maxWait}, and is then started on the Vert.x context it was submitted from; a task
 * that finds the line full, or waits too long, fails with {@link BackoffException#overloaded}.
 * Thread-safe; never blocks.
 */
final class QueryLimiter {

  private final Vertx vertx;
  private final int maxRunning;
  private final int maxWaiting;
  private final Duration maxWait;
  private final Queue<Waiter> waiting = new ArrayDeque<>();
  private int running;

  /** A task waiting for a slot. */
  private static final class Waiter {
    final Context context;
    final Runnable start;
    final Promise<Void> rejected = Promise.promise();
    long timer = -1;

    Waiter(Context context, Runnable start) {
      this.context = context;
      this.start = start;
    }
  }

  /**
   * @param maxRunning tasks running at once, at least 1
   * @param maxWaiting tasks waiting at once, at least 0
   * @param maxWait the longest a task waits
   */
  QueryLimiter(Vertx vertx, int maxRunning, int maxWaiting, Duration maxWait) {
    if (maxRunning < 1 || maxWaiting < 0) {
      throw new IllegalArgumentException("maxRunning must be >= 1 and maxWaiting >= 0");
    }
    this.vertx = vertx;
    this.maxRunning = maxRunning;
    this.maxWaiting = maxWaiting;
    this.maxWait = maxWait;
  }

  /** Runs {@code task} when a slot is free; its result, or the overload failure. */
  <T> Future<T> submit(Supplier<Future<T>> task) {
    Promise<T> result = Promise.promise();
    Runnable start = () -> started(task).onComplete(done -> release()).onComplete(result);
    Context context = vertx.getOrCreateContext();
    Waiter waiter = null;
    boolean startNow = false;
    synchronized (this) {
      if (running < maxRunning) {
        running++;
        startNow = true;
      } else if (waiting.size() < maxWaiting) {
        waiter = new Waiter(context, start);
        waiting.add(waiter);
      }
    }
    if (startNow) {
      start.run();
    } else if (waiter == null) {
      result.fail(BackoffException.overloaded(maxRunning, maxWait));
    } else {
      Waiter queued = waiter;
      queued.rejected.future().onFailure(result::fail);
      queued.timer = vertx.setTimer(Math.max(1, maxWait.toMillis()), id -> expire(queued));
    }
    return result.future();
  }

  private static <T> Future<T> started(Supplier<Future<T>> task) {
    try {
      return task.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** How many tasks run now. */
  synchronized int running() {
    return running;
  }

  private void expire(Waiter waiter) {
    boolean removed;
    synchronized (this) {
      removed = waiting.remove(waiter);
    }
    if (removed) {
      waiter.rejected.fail(BackoffException.overloaded(maxRunning, maxWait));
    }
  }

  private void release() {
    Waiter next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        running--;
        return;
      }
    }
    if (next.timer >= 0) {
      vertx.cancelTimer(next.timer);
    }
    next.context.runOnContext(go -> next.start.run());
  }
}
