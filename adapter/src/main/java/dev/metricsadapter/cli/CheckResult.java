package dev.metricsadapter.cli;

import dev.metricsadapter.config.ConfigProblem;
import dev.metricsadapter.naming.CompiledRules;
import dev.metricsadapter.naming.DiscoveryReport;
import java.nio.file.Path;
import java.time.Duration;
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

  /** Exit 0 valid, 1 invalid rules, 3 dry run failed. */
  int exitCode() {
    if (rules.isEmpty()) {
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
   */
  record DryRun(
      String prometheusUrl,
      Duration maxAge,
      Optional<DiscoveryReport> report,
      Optional<String> error) {}
}
