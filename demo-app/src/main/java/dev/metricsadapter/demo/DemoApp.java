package dev.metricsadapter.demo;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.hotspot.DefaultExports;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of the demo service. Without a subcommand it serves HTTP ({@link DemoServer}); with
 * {@code load} it runs the load generator ({@link LoadGenerator}); with {@code await-values} or
 * {@code watch} it reads the adapter for the standalone demo ({@link AdapterCommands}). Flags of
 * the server fall back to environment variables ({@code PORT}, {@code LATENCY}, {@code
 * ERROR_RATIO}, ...), then to their defaults. A bad flag prints one line naming it and exits 2.
 */
public final class DemoApp {

  /** What the parsed command line runs; replaced in tests. */
  interface Launcher {
    int serve(ServerConfig config, PrintWriter out, PrintWriter err);

    int load(LoadOptions options, PrintWriter out, PrintWriter err);

    int awaitValues(AdapterSource source, Duration within, PrintWriter out, PrintWriter err);

    int watch(WatchOptions options, PrintWriter out, PrintWriter err);
  }

  private DemoApp() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(commandLine(System.getenv(), new VertxLauncher(), out, err).execute(args));
  }

  /** A registry holding the JVM metrics (memory, GC, threads, ...) of this process. */
  static CollectorRegistry newRegistry() {
    CollectorRegistry registry = new CollectorRegistry();
    DefaultExports.register(registry);
    return registry;
  }

  /** The command line, with environment fallbacks read from {@code env}. */
  static CommandLine commandLine(
      Map<String, String> env, Launcher launcher, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new ServeCommand(launcher));
    cli.addSubcommand("load", new LoadCommand(launcher));
    cli.addSubcommand("await-values", new AdapterCommands.AwaitValuesCommand(launcher));
    cli.addSubcommand("watch", new AdapterCommands.WatchCommand(launcher));
    cli.registerConverter(Duration.class, Durations::parse);
    cli.registerConverter(LoadProfile.class, LoadProfile::parse);
    cli.registerConverter(Quantity.class, Quantity::parse);
    cli.setDefaultValueProvider(new EnvDefaults(env));
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          ex.getCommandLine()
              .getErr()
              .println(ex.getCommandLine().getCommandName() + ": " + ex.getMessage());
          ex.getCommandLine()
              .getErr()
              .println("See '" + qualifiedName(ex.getCommandLine()) + " --help'.");
          return ex.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
    return cli;
  }

  private static String qualifiedName(CommandLine cli) {
    return cli.getCommandSpec().qualifiedName();
  }

  /**
   * Environment fallback of the server's flags: {@code --error-ratio} reads {@code ERROR_RATIO},
   * and so on. Flags of {@code load} have no fallback.
   */
  static final class EnvDefaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> env;

    EnvDefaults(Map<String, String> env) {
      this.env = Map.copyOf(env);
    }

    static String variableOf(String longName) {
      return longName.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
      if (!(argSpec instanceof OptionSpec option)
          || option.command() == null
          || option.command().parent() != null
          || option.usageHelp()
          || option.versionHelp()) {
        return null;
      }
      String value = env.get(variableOf(option.longestName()));
      return value == null || value.isBlank() ? null : value.trim();
    }
  }

  @Command(
      name = "demo-app",
      mixinStandardHelpOptions = true,
      version = "demo-app 0.1.0",
      sortOptions = false,
      description = {
        "A small HTTP service exporting request metrics, for the metrics-adapter demo.",
        "Endpoints: / (simulated work), /api/items (simulated errors), /healthz, /metrics.",
        "Every flag falls back to an environment variable named after it (--error-ratio:"
            + " ERROR_RATIO), then to its default. SIGTERM drains requests in flight, then exits."
      },
      footer = {
        "",
        "Load generator: demo-app load --help",
        "The standalone demo's table: demo-app await-values --help, demo-app watch --help"
      })
  static final class ServeCommand implements Callable<Integer> {
    private final Launcher launcher;

    @Spec CommandSpec spec;

    @Option(
        names = "--port",
        defaultValue = "8080",
        description = "HTTP port, 0 for any free port (env PORT). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(
        names = "--bind-address",
        defaultValue = "0.0.0.0",
        description = "Listening address (env BIND_ADDRESS). Default: ${DEFAULT-VALUE}")
    String bindAddress;

    @Option(
        names = "--latency",
        defaultValue = "0",
        description = "Simulated work of / (env LATENCY), e.g. 20ms. Default: ${DEFAULT-VALUE}")
    Duration latency;

    @Option(
        names = "--latency-jitter",
        defaultValue = "0",
        description =
            "Extra random wait of /, uniform in [0, jitter) (env LATENCY_JITTER). Default:"
                + " ${DEFAULT-VALUE}")
    Duration latencyJitter;

    @Option(
        names = "--error-ratio",
        defaultValue = "0",
        description =
            "Fraction of /api/items answered 500, 0..1 (env ERROR_RATIO). Default: ${DEFAULT-VALUE}")
    double errorRatio;

    @Option(
        names = "--shutdown-grace",
        defaultValue = "10s",
        description =
            "How long SIGTERM waits for requests in flight (env SHUTDOWN_GRACE). Default:"
                + " ${DEFAULT-VALUE}")
    Duration shutdownGrace;

    @Option(
        names = "--container-metrics",
        paramLabel = "NAME",
        description =
            "Also export container_cpu_usage_seconds_total and container_memory_working_set_bytes"
                + " of this process under container=NAME, as cAdvisor would, for a demo without a"
                + " kubelet; never where cAdvisor is scraped (env CONTAINER_METRICS).")
    String containerMetrics;

    ServeCommand(Launcher launcher) {
      this.launcher = launcher;
    }

    ServerConfig config() {
      try {
        return new ServerConfig(
            bindAddress,
            port,
            latency,
            latencyJitter,
            errorRatio,
            shutdownGrace,
            Optional.ofNullable(containerMetrics));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
    }

    @Override
    public Integer call() {
      return launcher.serve(config(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  @Command(
      name = "load",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Drives the demo app at a planned rate and reports what it sent.",
        "Requests go round-robin to the given targets only (redirects are not followed); every"
            + " request has a timeout; the run is bounded in time and count.",
        "Example: demo-app load --target=http://127.0.0.1:8081,http://127.0.0.1:8082"
            + " --profile=ramp --peak-rps=60 --duration=90s"
      })
  static final class LoadCommand implements Callable<Integer> {
    private final Launcher launcher;

    @Spec CommandSpec spec;

    @Option(
        names = "--target",
        split = ",",
        defaultValue = "http://127.0.0.1:8080",
        description = "Base URLs, comma-separated or repeated. Default: ${DEFAULT-VALUE}")
    List<String> targets = new ArrayList<>();

    @Option(
        names = "--path",
        defaultValue = "/",
        description = "Request path. Default: ${DEFAULT-VALUE}")
    String path;

    @Option(
        names = "--profile",
        defaultValue = "steady",
        description =
            "steady, ramp-up, ramp-down, or ramp (up in the first third, hold, down in the last"
                + " third). Default: ${DEFAULT-VALUE}")
    LoadProfile profile;

    @Option(
        names = "--peak-rps",
        defaultValue = "10",
        description = "Highest rate, requests per second. Default: ${DEFAULT-VALUE}")
    double peakRps;

    @Option(
        names = "--duration",
        defaultValue = "60s",
        description = "Length of the run, e.g. 90s or 2m. Default: ${DEFAULT-VALUE}")
    Duration duration;

    @Option(
        names = "--timeout",
        defaultValue = "2s",
        description = "Deadline of every request. Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Option(
        names = "--report-interval",
        defaultValue = "5s",
        description = "Time between progress lines. Default: ${DEFAULT-VALUE}")
    Duration reportInterval;

    @Option(
        names = "--max-requests",
        defaultValue = "1000000",
        description = "Hard cap on requests sent. Default: ${DEFAULT-VALUE}")
    long maxRequests;

    @Option(
        names = "--max-in-flight",
        defaultValue = "200",
        description =
            "Requests in flight at once; planned requests beyond it are dropped and counted."
                + " Default: ${DEFAULT-VALUE}")
    int maxInFlight;

    LoadCommand(Launcher launcher) {
      this.launcher = launcher;
    }

    LoadOptions options() {
      try {
        List<URI> uris = new ArrayList<>();
        for (String target : targets) {
          if (!target.isBlank()) {
            uris.add(target(target.trim()));
          }
        }
        return new LoadOptions(
            uris,
            path,
            profile,
            peakRps,
            duration,
            timeout,
            reportInterval,
            maxRequests,
            maxInFlight);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
    }

    private static URI target(String text) {
      try {
        return new URI(text);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "--target: '" + text + "' is not a base URL like http://127.0.0.1:8080", e);
      }
    }

    @Override
    public Integer call() {
      return launcher.load(options(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  /** The real thing: Vert.x, JVM metrics, shutdown hooks, the adapter over HTTPS. */
  static final class VertxLauncher implements Launcher {

    @Override
    public int serve(ServerConfig config, PrintWriter out, PrintWriter err) {
      CollectorRegistry registry = newRegistry();
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
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    out.println("demo-app: draining requests in flight, then stopping");
                    server
                        .shutdown(config.shutdownGrace())
                        .eventually(() -> vertx.close())
                        .onComplete(v -> stopped.countDown());
                    awaitQuietly(stopped, config.shutdownGrace().plusSeconds(5));
                    out.println("demo-app stopped");
                  },
                  "demo-app-shutdown"));
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

    @Override
    public int load(LoadOptions options, PrintWriter out, PrintWriter err) {
      Vertx vertx = Vertx.vertx();
      LoadGenerator generator = new LoadGenerator(vertx, options, out::println);
      Thread hook =
          new Thread(
              () -> {
                if (!generator.result().isComplete()) {
                  generator.stop();
                  awaitQuietly(generator.result(), options.timeout().plusSeconds(2));
                }
              },
              "demo-app-load-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
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

    @Override
    public int awaitValues(
        AdapterSource source, Duration within, PrintWriter out, PrintWriter err) {
      AdapterWatch watch = adapterWatch(source, out);
      try {
        return watch.awaitValues(source.pods(), within) ? 0 : 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }

    @Override
    public int watch(WatchOptions options, PrintWriter out, PrintWriter err) {
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
}
