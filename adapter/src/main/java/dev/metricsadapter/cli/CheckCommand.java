package dev.metricsadapter.cli;

import dev.metricsadapter.config.DiscoveryRule;
import dev.metricsadapter.config.ParsedRules;
import dev.metricsadapter.config.RuleConfigException;
import dev.metricsadapter.config.RuleConfigParser;
import dev.metricsadapter.naming.BuiltinResourceMapper;
import dev.metricsadapter.naming.CompiledRule;
import dev.metricsadapter.naming.CompiledRules;
import dev.metricsadapter.naming.DiscoveryReport;
import dev.metricsadapter.naming.ResourceMapper;
import dev.metricsadapter.naming.RuleCompiler;
import dev.metricsadapter.naming.RuleSeries;
import dev.metricsadapter.naming.Series;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.rulefiles.RuleFiles;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

  @Option(
      names = "--prometheus-url",
      paramLabel = "URL",
      description = "Dry-run discovery against this Prometheus (series only, no queries).")
  private String prometheusUrl;

  @Option(
      names = "--prometheus-header",
      paramLabel = "KEY=VALUE",
      description = "Header sent with every Prometheus call (repeatable).")
  private List<String> prometheusHeaders = new ArrayList<>();

  @Option(
      names = "--prometheus-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = GoDurationConverter.class,
      description = "Deadline of every Prometheus call.")
  private Duration prometheusTimeout;

  @Option(
      names = "--metrics-max-age",
      paramLabel = "DURATION",
      defaultValue = "1m",
      converter = GoDurationConverter.class,
      description = "Series with samples since now minus this are discovered.")
  private Duration maxAge;

  private final Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    Optional<PrometheusClientOptions> prometheus = prometheusOptions();
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
    ParsedRules parsed;
    CompiledRules rules;
    try {
      // As RuleFiles.load does, keeping the rules as written to explain drops.
      parsed = new RuleConfigParser().parseLeniently(RuleFiles.read(config));
      rules = new RuleCompiler(mapper).compile(parsed);
    } catch (RuleConfigException e) {
      return new CheckResult(config, e.problems(), Optional.empty(), Optional.empty());
    }
    Optional<CheckResult.DryRun> dryRun =
        prometheus.map(options -> dryRun(options, parsed, rules, mapper));
    return new CheckResult(config, List.of(), Optional.of(rules), dryRun);
  }

  private CheckResult.DryRun dryRun(
      PrometheusClientOptions options,
      ParsedRules parsed,
      CompiledRules rules,
      ResourceMapper mapper) {
    Set<String> queries = new LinkedHashSet<>();
    rules.rules().forEach(rule -> queries.add(rule.seriesQuery()));
    rules.externalRules().forEach(rule -> queries.add(rule.seriesQuery()));
    Map<String, List<Series>> answers;
    try {
      answers = CheckDryRun.fetch(options, queries, clock.instant().minus(maxAge));
    } catch (CheckDryRun.Failure e) {
      return new CheckResult.DryRun(
          options.baseUrl().toString(), maxAge, Optional.empty(), Optional.of(e.getMessage()));
    }
    List<DiscoveryRule> written = new ArrayList<>(parsed.config().rules());
    written.addAll(parsed.config().externalRules());
    DiscoveryReport report =
        DiscoveryReport.build(
            ruleSeries(rules.rules(), answers),
            ruleSeries(rules.externalRules(), answers),
            written,
            mapper);
    return new CheckResult.DryRun(
        options.baseUrl().toString(), maxAge, Optional.of(report), Optional.empty());
  }

  private static List<RuleSeries> ruleSeries(
      List<CompiledRule> rules, Map<String, List<Series>> answers) {
    List<RuleSeries> input = new ArrayList<>();
    for (CompiledRule rule : rules) {
      input.add(new RuleSeries(rule, answers.getOrDefault(rule.seriesQuery(), List.of())));
    }
    return input;
  }

  /** The dry run's client options, or empty without {@code --prometheus-url}. */
  private Optional<PrometheusClientOptions> prometheusOptions() {
    if (prometheusUrl == null) {
      if (!prometheusHeaders.isEmpty()) {
        throw error("--prometheus-header needs --prometheus-url");
      }
      return Optional.empty();
    }
    if (prometheusTimeout.isZero() || prometheusTimeout.isNegative()) {
      throw error("--prometheus-timeout must be greater than zero");
    }
    if (maxAge.isZero() || maxAge.isNegative()) {
      throw error("--metrics-max-age must be greater than zero");
    }
    URI url;
    List<Map.Entry<String, String>> headers;
    try {
      url = PrometheusFlags.url(prometheusUrl);
      headers = PrometheusFlags.headers(prometheusHeaders);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
    try {
      return Optional.of(
          PrometheusClientOptions.of(url).withHeaders(headers).withTimeout(prometheusTimeout));
    } catch (IllegalArgumentException e) {
      String flag = e.getMessage().contains("header") ? "--prometheus-header" : "--prometheus-url";
      throw error(flag + ": " + e.getMessage());
    }
  }

  private ParameterException error(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
