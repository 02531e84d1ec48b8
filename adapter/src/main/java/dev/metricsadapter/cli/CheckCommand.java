package dev.metricsadapter.cli;

import dev.metricsadapter.config.RuleConfigException;
import dev.metricsadapter.naming.BuiltinResourceMapper;
import dev.metricsadapter.naming.CompiledRules;
import dev.metricsadapter.naming.DiscoveryReport;
import dev.metricsadapter.naming.ResourceMapper;
import dev.metricsadapter.naming.RuleSeries;
import dev.metricsadapter.naming.Series;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.rulefiles.RuleFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code check --config=PATH}: validates rule files offline with the same errors as startup, all at
 * once, as {@code file:line: message}. With {@code --prometheus-url} it also dry-runs discovery
 * against that Prometheus and reports, per rule, the series matched, the metrics produced and the
 * series dropped with the reason, plus the metrics defined twice.
 *
 * <p>Exit codes: 0 valid (and the dry run succeeded), 1 invalid rules, 2 usage errors, 3 the dry
 * run could not reach or query Prometheus. {@code --output=json} prints one JSON document on stdout
 * and nothing else there. Runs on the calling thread, blocking it during the dry run.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    showDefaultValues = true,
    description = {
      "Validate rule files offline; with --prometheus-url, also dry-run discovery.",
      "Exit 0 valid, 1 invalid rules, 2 usage error, 3 Prometheus could not be queried."
    })
public final class CheckCommand implements Callable<Integer> {

  /** Output formats. */
  enum Output {
    text,
    json
  }

  @Spec private CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "PATH",
      description = "Rule file, or directory of *.yaml/*.yml rule files merged in name order.")
  private Path config;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "text, or json: one document on stdout (for CI).")
  private Output output;

  @Mixin private OfflinePrometheusFlags prometheusFlags;

  private final Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    Optional<PrometheusClientOptions> prometheus = prometheusFlags.options();
    CheckResult result = check(prometheus);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (output == Output.json) {
      CheckJsonOutput.write(result, out);
    } else {
      CheckTextOutput.write(result, out, err);
    }
    out.flush();
    err.flush();
    return result.exitCode();
  }

  private CheckResult check(Optional<PrometheusClientOptions> prometheus) {
    ResourceMapper mapper = new BuiltinResourceMapper();
    CompiledRules rules;
    try {
      rules = RuleFiles.load(config, mapper);
    } catch (RuleConfigException e) {
      return new CheckResult(config, e.problems(), Optional.empty(), Optional.empty());
    }
    Optional<CheckResult.DryRun> dryRun = prometheus.map(options -> dryRun(options, rules, mapper));
    return new CheckResult(config, List.of(), Optional.of(rules), dryRun);
  }

  private CheckResult.DryRun dryRun(
      PrometheusClientOptions options, CompiledRules rules, ResourceMapper mapper) {
    Set<String> queries = new LinkedHashSet<>();
    rules.rules().forEach(rule -> queries.add(rule.seriesQuery()));
    rules.externalRules().forEach(rule -> queries.add(rule.seriesQuery()));
    Map<String, List<Series>> answers;
    try {
      answers =
          CheckDryRun.fetch(options, queries, clock.instant().minus(prometheusFlags.maxAge()));
    } catch (CheckDryRun.Failure e) {
      return new CheckResult.DryRun(
          options.baseUrl().toString(),
          prometheusFlags.maxAge(),
          Optional.empty(),
          Optional.of(e.getMessage()));
    }
    DiscoveryReport report =
        DiscoveryReport.build(
            RuleSeries.of(rules.rules(), answers),
            RuleSeries.of(rules.externalRules(), answers),
            mapper);
    return new CheckResult.DryRun(
        options.baseUrl().toString(),
        prometheusFlags.maxAge(),
        Optional.of(report),
        Optional.empty());
  }
}
