package dev.metricsadapter.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One local process standing in for a pod's containers, listening on a loopback port. Thread-safe:
 * {@link #stop} may run while another thread is in {@link #awaitHealthy}.
 */
final class PodProcess {
  /** How {@link #awaitHealthy} ended. */
  enum Health {
    /** {@code /healthz} answered 200. */
    HEALTHY,
    /** The process exited first. */
    EXITED,
    /** The caller's cancellation flag became true first. */
    CANCELLED,
    /** The deadline passed first. */
    TIMED_OUT
  }

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private final Process process;
  private final int port;
  private volatile boolean stopRequested;

  private PodProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts {@code argv} (which makes the process listen on 127.0.0.1:{@code port}), with stdin from
   * nothing and stdout and stderr to {@code output}.
   *
   * @throws IOException if the program cannot be started
   */
  static PodProcess start(List<String> argv, int port, ProcessBuilder.Redirect output)
      throws IOException {
    Process process =
        new ProcessBuilder(argv)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(output)
            .redirectErrorStream(true)
            .start();
    return new PodProcess(process, port);
  }

  long pid() {
    return process.pid();
  }

  int port() {
    return port;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Whether {@link #stop} was called: an exit after that was asked for. */
  boolean stopRequested() {
    return stopRequested;
  }

  /** Completes with the exit code when the process exits, however it does. */
  CompletableFuture<Integer> onExit() {
    return process.onExit().thenApply(Process::exitValue);
  }

  /**
   * Polls {@code http://127.0.0.1:PORT/healthz} (each probe with a 2 s timeout) until it answers
   * 200, the process exits, {@code cancelled} says so, or {@code timeout} passes.
   */
  Health awaitHealthy(HttpClient http, Duration timeout, BooleanSupplier cancelled)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
            .timeout(PROBE_TIMEOUT)
            .GET()
            .build();
    while (true) {
      if (cancelled.getAsBoolean()) {
        return Health.CANCELLED;
      }
      if (!process.isAlive()) {
        return Health.EXITED;
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return Health.HEALTHY;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() - deadline >= 0) {
        return Health.TIMED_OUT;
      }
      // The pause between probes doubles as the wait for an early exit.
      waitForExit(PROBE_INTERVAL);
    }
  }

  /**
   * Sends SIGTERM, and SIGKILL (to the process and whatever it started) if it has not exited after
   * {@code grace}. Returns the exit code, or empty if it outlived SIGKILL too (then it is left to
   * the OS). Idempotent.
   */
  OptionalInt stop(Duration grace) throws InterruptedException {
    stopRequested = true;
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    if (!waitForExit(grace)) {
      process.destroyForcibly();
      descendants.forEach(ProcessHandle::destroyForcibly);
      waitForExit(KILL_WAIT);
    }
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  private boolean waitForExit(Duration timeout) throws InterruptedException {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for process " + process.pid() + " failed", e);
    }
  }
}
