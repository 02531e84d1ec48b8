package dev.metricsadapter.demo;

import io.prometheus.client.CollectorRegistry;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The real actions of {@link DemoApp}: Vert.x, JVM metrics, shutdown hooks, the adapter over HTTPS.
 */
final class VertxLauncher {

  private VertxLauncher() {}

  /** The launcher of {@link DemoApp#main}. */
  static DemoApp.Launcher launcher() {
    return new DemoApp.Launcher(
        VertxLauncher::serve,
        VertxLauncher::load,
        VertxLauncher::awaitValues,
        VertxLauncher::watch);
  }

  /** Serves HTTP until SIGTERM, then drains the requests in flight. */
  static int serve(ServerConfig config, PrintWriter out, PrintWriter err) {
    CollectorRegistry registry = DemoApp.newRegistry();
    config.containerMetrics().ifPresent(name -> new ContainerMetrics(name).register(registry));
    Vertx vertx = Vertx.vertx();
    DemoServer server =
        new DemoServer(vertx, registry, config, () -> ThreadLocalRandom.current().nextDouble());
    int port;
    try {
      port = server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      err.println(
          "demo-app: cannot listen on "
              + config.bindAddress()
              + ":"
              + config.port()
              + ": "
              + cause);
      closeQuietly(vertx);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(vertx);
      return 1;
    }
    CountDownLatch stopped = drainOnShutdown(server, vertx, config.shutdownGrace(), out);
    // Announced once the hook is in place: a supervisor may stop us as soon as we are up.
    out.printf(
        Locale.ROOT,
        "demo-app listening on %s:%d (latency %s + jitter %s, error ratio %s)%n",
        config.bindAddress(),
        port,
        Durations.format(config.latency()),
        Durations.format(config.latencyJitter()),
        config.errorRatio());
    // Serve until the shutdown hook has drained and closed everything.
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * Makes SIGTERM (the JVM's shutdown) drain the requests in flight, for at most {@code grace},
   * then close Vert.x.
   *
   * @return counted down once all is closed
   */
  private static CountDownLatch drainOnShutdown(
      DemoServer server, Vertx vertx, Duration grace, PrintWriter out) {
    CountDownLatch stopped = new CountDownLatch(1);
    onShutdown(
        "demo-app-shutdown",
        () -> {
          out.println("demo-app: draining requests in flight, then stopping");
          server
              .shutdown(grace)
              .eventually(() -> vertx.close())
              .onComplete(v -> stopped.countDown());
          awaitQuietly(stopped, grace.plusSeconds(5));
          out.println("demo-app stopped");
        });
    return stopped;
  }

  /** Runs {@code hook} in a thread named {@code threadName} when the JVM shuts down. */
  private static void onShutdown(String threadName, Runnable hook) {
    Runtime.getRuntime().addShutdownHook(new Thread(hook, threadName));
  }

  /** Runs the load; exits 1 when every request failed. */
  static int load(LoadOptions options, PrintWriter out, PrintWriter err) {
    Vertx vertx = Vertx.vertx();
    LoadGenerator generator = new LoadGenerator(vertx, options, out::println);
    onShutdown(
        "demo-app-load-shutdown",
        () -> {
          if (!generator.result().isComplete()) {
            generator.stop();
            awaitQuietly(generator.result(), options.timeout().plusSeconds(2));
          }
        });
    LoadSummary summary;
    try {
      summary = generator.start().toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      err.println("demo-app load: " + e.getCause());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      closeQuietly(vertx);
    }
    // Every request failed: the targets are probably not there.
    return summary.sent() > 0 && summary.ok() == 0 ? 1 : 0;
  }

  /** Reads the adapter until it serves every pod (0) or the wait is over (1). */
  static int awaitValues(AwaitOptions options, PrintWriter out, PrintWriter err) {
    AdapterWatch watch = adapterWatch(options.source(), out);
    try {
      return watch.awaitValues(options.source().pods(), options.within()) ? 0 : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** Prints the table until the watched process ends or nobody reads it. */
  static int watch(WatchOptions options, PrintWriter out, PrintWriter err) {
    AdapterWatch watch = adapterWatch(options.source(), out);
    BooleanSupplier alive = alive(options.untilPid());
    try {
      // Ends with the process to watch, or once nobody reads the lines any more.
      watch.table(
          options.table(),
          () -> LoadProgress.latestTargetRps(options.loadLog()),
          options.tick(),
          () -> !out.checkError() && alive.getAsBoolean());
      return 0;
    } catch (UncheckedIOException e) {
      err.println("demo-app watch: " + e.getMessage() + ": " + e.getCause());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static AdapterWatch adapterWatch(AdapterSource source, PrintWriter out) {
    return new AdapterWatch(
        new AdapterClient(source)::read, AdapterWatch.Ticker.SYSTEM, out::println);
  }

  /** True while process {@code pid} runs; always true without a pid. */
  private static BooleanSupplier alive(OptionalLong pid) {
    if (pid.isEmpty()) {
      return () -> true;
    }
    return () -> ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void awaitQuietly(CountDownLatch latch, Duration atMost) {
    try {
      latch.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(io.vertx.core.Future<?> future, Duration atMost) {
    try {
      future
          .toCompletionStage()
          .toCompletableFuture()
          .get(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Nothing more to do at shutdown.
    }
  }

  private static void closeQuietly(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Exiting anyway.
    }
  }
}
