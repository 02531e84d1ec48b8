package dev.metricsadapter.cli;

import dev.metricsadapter.diagnostics.DiscoveryReport;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.ConfigProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code check} found, for the text and JSON writers.
 *
 * @param config the {@code --config} path
 * @param errors the rule files' errors; empty when valid
 * @param rules the compiled rules when valid
 * @param dryRun the dry run, when {@code --prometheus-url} was given and the rules are valid
 */
record CheckResult(
    Path config,
    List<ConfigProblem> errors,
    Optional<CompiledRules> rules,
    Optional<DryRun> dryRun) {

  CheckResult {
    errors = List.copyOf(errors);
  }

  /** Every error: the rule files', the invalid selectors and what Prometheus refused. */
  List<ConfigProblem> allErrors() {
    List<ConfigProblem> all = new ArrayList<>(errors);
    rules.ifPresent(r -> all.addAll(r.invalidSelectors()));
    dryRun.ifPresent(run -> all.addAll(run.refused()));
    return List.copyOf(all);
  }

  /** Whether the rules loaded and nothing was found wrong with them. */
  boolean valid() {
    return allErrors().isEmpty();
  }

  /** Exit 0 valid, 1 invalid rules, 3 dry run failed. */
  int exitCode() {
    if (!valid()) {
      return 1;
    }
    return dryRun.flatMap(DryRun::error).isPresent() ? 3 : 0;
  }

  /**
   * A dry run of discovery.
   *
   * @param prometheusUrl the URL asked
   * @param maxAge series were looked up since now minus this
   * @param report the report, when every seriesQuery was answered
   * @param error why Prometheus could not be queried, otherwise
   * @param refused the seriesQueries and expanded metricsQueries Prometheus refused, each at its
   *     rule's line
   */
  record DryRun(
      String prometheusUrl,
      Duration maxAge,
      Optional<DiscoveryReport> report,
      Optional<String> error,
      List<ConfigProblem> refused) {
    DryRun {
      refused = List.copyOf(refused);
    }
  }
}
