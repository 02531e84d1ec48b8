package dev.metricsadapter.cli;

import dev.metricsadapter.auth.AuthOptions;
import dev.metricsadapter.observability.LoggingOptions;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.prometheus.QueryPathOptions;
import dev.metricsadapter.provider.DiscoveryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code metrics-adapter} command: without a subcommand it serves the metrics APIs with the
 * given flags (names as in prometheus-adapter); {@code check} validates rule files and {@code
 * explain} explains one request. Each subsystem's flags are a mixin that validates them into its
 * options record; every flag problem is one line naming the flag, all reported together, exit code
 * 2.
 */
@Command(
    name = "metrics-adapter",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    showDefaultValues = true,
    description =
        "Serves custom.metrics.k8s.io from Prometheus, using prometheus-adapter rule files.")
public final class ServeCommand implements Callable<Integer> {

  private final Function<ServeOptions, Integer> server;

  @Spec private CommandSpec spec;
  @Mixin private RulesFlag rules;
  @Mixin private PrometheusFlags prometheus;
  @Mixin private QueryPathFlags queryPath;
  @Mixin private DiscoveryFlags discovery;
  @Mixin private ServingFlags serving;
  @Mixin private LoggingFlags logging;
  @Mixin private KubernetesFlags kubernetes;
  @Mixin private AuthFlags auth;

  /**
   * @param server runs the adapter with validated options and returns the exit code
   */
  public ServeCommand(Function<ServeOptions, Integer> server) {
    this.server = server;
  }

  /**
   * The command line of all three commands, with one-line flag errors and exit code 2 for them.
   *
   * @param server runs the adapter
   * @param dryRun opens {@code check}'s dry run against a Prometheus
   * @param explainer runs {@code explain}
   */
  public static CommandLine commandLine(
      Function<ServeOptions, Integer> server,
      DryRunPrometheus.Opener dryRun,
      ExplainCommand.Runner explainer) {
    CommandLine commandLine = new CommandLine(new ServeCommand(server));
    commandLine.addSubcommand(new CheckCommand(dryRun));
    commandLine.addSubcommand(new ExplainCommand(explainer));
    // Every duration flag takes Go's syntax (500ms, 1m30s), as prometheus-adapter's do.
    commandLine.registerConverter(Duration.class, new GoDurationConverter());
    commandLine.setParameterExceptionHandler(
        (failure, args) -> {
          failure
              .getMessage()
              .lines()
              .forEach(
                  line -> failure.getCommandLine().getErr().println("metrics-adapter: " + line));
          return 2;
        });
    return commandLine;
  }

  @Override
  public Integer call() {
    return server.apply(options());
  }

  /** Validates the flags into {@link ServeOptions}. */
  ServeOptions options() {
    FlagProblems problems = new FlagProblems();
    Path config = problems.check(rules::config);
    PrometheusClientOptions prometheusOptions = problems.check(prometheus::options);
    QueryPathOptions queryPathOptions = problems.check(queryPath::options);
    DiscoveryOptions discoveryOptions = problems.check(discovery::periodic);
    ServerOptions serverOptions = problems.check(serving::options);
    LoggingOptions loggingOptions = problems.check(logging::options);
    Optional<String> kubeconfig = problems.check(kubernetes::kubeconfig);
    AuthOptions authOptions = problems.check(auth::options);
    problems.throwIfAny(spec);
    return new ServeOptions(
        config,
        prometheusOptions,
        queryPathOptions,
        discoveryOptions,
        serverOptions,
        kubeconfig,
        authOptions,
        loggingOptions);
  }
}
