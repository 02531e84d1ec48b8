package dev.metricsadapter.cli;

import dev.metricsadapter.diagnostics.DiscoveryReport;
import dev.metricsadapter.diagnostics.SampleQueries;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.provider.DiscoveryOptions;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.provider.QueryFailure;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRule;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.ConfigProblem;
import dev.metricsadapter.rules.RuleConfigException;
import dev.metricsadapter.rules.RuleOrigin;
import dev.metricsadapter.rules.files.RuleFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code check --config=PATH}: validates rule files offline with the same errors as startup, all at
 * once, as {@code file:line: message}. With {@code --prometheus-url} it also runs one discovery
 * against that Prometheus, the adapter's own (as {@code explain} does), and reports, per rule, the
 * series matched (counted in series), the metrics produced and the series dropped with the reason,
 * plus the metrics defined twice; it also runs each rule's expanded metricsQuery once for one
 * discovered object, so that Prometheus judges the PromQL. A query Prometheus refuses is its rule's
 * error, and the other rules still dry-run.
 *
 * <p>Exit codes: 0 valid (and the dry run succeeded), 1 invalid rules (including a seriesQuery that
 * is not a series selector and a query Prometheus refused), 2 usage errors, 3 the dry run could not
 * reach Prometheus or got no usable answer. {@code --output=json} prints one JSON document on
 * stdout and nothing else there. Runs on the calling thread, blocking it during the dry run.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    showDefaultValues = true,
    description = {
      "Validate rule files offline; with --prometheus-url, also dry-run discovery.",
      "Exit 0 valid, 1 invalid rules (or a query Prometheus refused), 2 usage error,"
          + " 3 Prometheus could not be reached."
    })
public final class CheckCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private RulesFlag rules;

  @Mixin private OutputFlag output;

  @Mixin private PrometheusFlags prometheus;
  @Mixin private DiscoveryFlags discovery;

  private final DryRunPrometheus.Opener dryRuns;

  /**
   * @param dryRuns opens the dry run against the Prometheus of {@code --prometheus-url}
   */
  CheckCommand(DryRunPrometheus.Opener dryRuns) {
    this.dryRuns = dryRuns;
  }

  @Override
  public Integer call() {
    FlagProblems problems = new FlagProblems();
    Path config = problems.check(rules::config);
    Optional<PrometheusClientOptions> prometheusOptions = problems.check(prometheus::ifUrlGiven);
    DiscoveryOptions discoveryOptions = problems.check(discovery::oneShot);
    problems.throwIfAny(spec);
    CheckResult result = check(config, prometheusOptions, discoveryOptions);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (output.json()) {
      CheckJsonOutput.write(result, out);
    } else {
      CheckTextOutput.write(result, out, err);
    }
    out.flush();
    err.flush();
    return result.exitCode();
  }

  private CheckResult check(
      Path config, Optional<PrometheusClientOptions> prometheus, DiscoveryOptions discovery) {
    ResourceMapper mapper = new BuiltinResourceMapper();
    CompiledRules compiled;
    try {
      compiled = RuleFiles.load(config, mapper);
    } catch (RuleConfigException e) {
      return new CheckResult(config, e.problems(), Optional.empty(), Optional.empty());
    }
    Optional<CheckResult.DryRun> dryRun =
        prometheus.map(options -> dryRun(options, discovery, compiled, mapper));
    return new CheckResult(config, List.of(), Optional.of(compiled), dryRun);
  }

  private CheckResult.DryRun dryRun(
      PrometheusClientOptions options,
      DiscoveryOptions discovery,
      CompiledRules rules,
      ResourceMapper mapper) {
    try (DryRunPrometheus run = dryRuns.open(options, discovery)) {
      DiscoverySnapshot discovered = run.discover(rules, mapper);
      List<ConfigProblem> refused = new ArrayList<>();
      Stream.concat(rules.rules().stream(), rules.externalRules().stream())
          .forEach(
              rule -> {
                QueryFailure failure = discovered.failures().get(rule.seriesQuery());
                if (failure != null) {
                  refused.add(
                      problem(rule, "seriesQuery", "Prometheus refused it: " + failure.message()));
                }
              });
      DiscoveryReport report =
          DiscoveryReport.build(
              discovered.seriesOf(rules.rules()),
              discovered.seriesOf(rules.externalRules()),
              mapper);
      List<SampleQueries.Sample> samples =
          SampleQueries.of(
              rules,
              report.catalog(),
              report.externalCatalog(),
              discovered.seriesByQuery(),
              mapper);
      for (SampleQueries.Sample sample : samples) {
        Optional<String> reason = run.query(sample.promql());
        if (reason.isPresent()) {
          refused.add(
              problem(
                  sample.rule(),
                  "metricsQuery",
                  "Prometheus refused the query for "
                      + sample.request()
                      + ": "
                      + reason.get()
                      + " (PromQL: "
                      + sample.promql()
                      + ")"));
        }
      }
      return new CheckResult.DryRun(
          options.baseUrl().toString(),
          discovery.maxAge(),
          Optional.of(report),
          Optional.empty(),
          ConfigProblem.inReadingOrder(refused));
    } catch (DryRunPrometheus.Failure e) {
      return new CheckResult.DryRun(
          options.baseUrl().toString(),
          discovery.maxAge(),
          Optional.empty(),
          Optional.of(e.getMessage()),
          List.of());
    }
  }

  private static ConfigProblem problem(CompiledRule rule, String field, String message) {
    RuleOrigin origin = rule.origin();
    return new ConfigProblem(
        origin.file(), origin.lineOf(field), origin.path() + "." + field, message);
  }
}
