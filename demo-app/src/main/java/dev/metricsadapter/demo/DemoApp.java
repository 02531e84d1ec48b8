package dev.metricsadapter.demo;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.hotspot.DefaultExports;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Entry point of the demo service. Without a subcommand it serves HTTP ({@link DemoServer}); with
 * {@code load} it runs the load generator ({@link LoadGenerator}); with {@code await-values} or
 * {@code watch} it reads the adapter for the standalone demo ({@link AdapterCommands}). Flags of
 * the server fall back to environment variables ({@code PORT}, {@code LATENCY}, {@code
 * ERROR_RATIO}, ...), then to their defaults. A bad flag prints one line naming it and exits 2.
 */
public final class DemoApp {

  /**
   * What a command runs with its validated options.
   *
   * @param <T> the options
   */
  @FunctionalInterface
  interface Action<T> {
    /** Runs, printing to {@code out} and {@code err}; returns the exit code. */
    int run(T options, PrintWriter out, PrintWriter err);
  }

  /** What the parsed command line runs, an action a command; replaced in tests. */
  record Launcher(
      Action<ServerConfig> serve,
      Action<LoadOptions> load,
      Action<AwaitOptions> awaitValues,
      Action<WatchOptions> watch) {}

  private DemoApp() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(commandLine(System.getenv(), VertxLauncher.launcher(), out, err).execute(args));
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
    CommandLine cli = new CommandLine(new ServeCommand(launcher.serve()));
    cli.addSubcommand("load", new LoadCommand(launcher.load()));
    cli.addSubcommand(
        "await-values", new AdapterCommands.AwaitValuesCommand(launcher.awaitValues()));
    cli.addSubcommand("watch", new AdapterCommands.WatchCommand(launcher.watch()));
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
  static final class ServeCommand extends LaunchedCommand<ServerConfig> {
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

    ServeCommand(Action<ServerConfig> serve) {
      super(serve);
    }

    @Override
    ServerConfig options() {
      return new ServerConfig(
          bindAddress,
          port,
          latency,
          latencyJitter,
          errorRatio,
          shutdownGrace,
          Optional.ofNullable(containerMetrics));
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
  static final class LoadCommand extends LaunchedCommand<LoadOptions> {
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

    LoadCommand(Action<LoadOptions> load) {
      super(load);
    }

    @Override
    LoadOptions options() {
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
    }

    private static URI target(String text) {
      try {
        return new URI(text);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "--target: '" + text + "' is not a base URL like http://127.0.0.1:8080", e);
      }
    }
  }
}
