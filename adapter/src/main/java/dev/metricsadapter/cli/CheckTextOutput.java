package dev.metricsadapter.cli;

import dev.metricsadapter.diagnostics.DiscoveryReport;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.ConfigProblem;
import dev.metricsadapter.rules.GoDuration;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code check}'s text output: errors and warnings on stderr as {@code file:line: path: message},
 * the summary line and the dry-run report (one compact block per rule) on stdout.
 */
final class CheckTextOutput {

  /** Metrics listed per rule; the JSON output lists every one. */
  static final int MAX_METRICS_PER_RULE = 50;

  private CheckTextOutput() {}

  static void write(CheckResult result, PrintWriter out, PrintWriter err) {
    if (result.rules().isEmpty()) {
      result.errors().forEach(err::println);
      err.printf("%s: invalid (errors: %d)%n", result.config(), result.errors().size());
      return;
    }
    CompiledRules rules = result.rules().get();
    for (ConfigProblem warning : rules.warnings()) {
      err.println(warning + " (warning)");
    }
    if (rules.invalidSelectors().isEmpty()) {
      out.printf(
          "%s: valid (rules: %d, externalRules: %d, resourceRules: %s, warnings: %d)%n",
          result.config(),
          rules.rules().size(),
          rules.externalRules().size(),
          rules.resourceRules().isPresent() ? "present" : "absent",
          rules.warnings().size());
    } else {
      rules.invalidSelectors().forEach(err::println);
      err.printf("%s: invalid (errors: %d)%n", result.config(), rules.invalidSelectors().size());
    }
    result.dryRun().ifPresent(dryRun -> writeDryRun(result, dryRun, out, err));
  }

  private static void writeDryRun(
      CheckResult result, CheckResult.DryRun dryRun, PrintWriter out, PrintWriter err) {
    if (dryRun.error().isPresent()) {
      err.printf("%s: dry run failed: %s%n", result.config(), dryRun.error().get());
      return;
    }
    DiscoveryReport report = dryRun.report().orElseThrow();
    out.printf(
        "dry run against %s (series of the last %s): metrics: %d, external metrics: %d, defined"
            + " twice: %d%n",
        dryRun.prometheusUrl(),
        GoDuration.format(dryRun.maxAge()),
        report.servedMetrics(),
        report.servedExternalMetrics(),
        report.duplicates().size());
    for (DiscoveryReport.RuleReport rule : report.rules()) {
      out.printf("%s %s%n", rule.rule(), rule.seriesQuery());
      out.printf(
          "  series matched: %d, kept: %d, dropped: %d%n",
          rule.seriesMatched(), rule.seriesKept(), rule.seriesMatched() - rule.seriesKept());
      List<DiscoveryReport.Metric> metrics = rule.metrics();
      for (DiscoveryReport.Metric metric :
          metrics.subList(0, Math.min(metrics.size(), MAX_METRICS_PER_RULE))) {
        out.printf(
            "  metric %s%s%n", metric, metric.served() ? "" : ", not served: defined earlier");
      }
      if (metrics.size() > MAX_METRICS_PER_RULE) {
        out.printf(
            "  ... and %d more metrics (--output=json lists every one)%n",
            metrics.size() - MAX_METRICS_PER_RULE);
      }
      for (DiscoveryReport.Drop drop : rule.dropped()) {
        out.printf("  dropped %d: %s%s%n", drop.count(), drop.reason(), examples(drop));
      }
      for (DiscoveryReport.Drop drop : rule.unserved()) {
        out.printf(
            "  not served for some resources, %d: %s%s%n",
            drop.count(), drop.reason(), examples(drop));
      }
    }
    writeDuplicates(report, out);
    dryRun.refused().forEach(err::println);
    if (!dryRun.refused().isEmpty()) {
      err.printf(
          "%s: dry run: Prometheus refused %d queries%n", result.config(), dryRun.refused().size());
    }
  }

  private static void writeDuplicates(DiscoveryReport report, PrintWriter out) {
    if (!report.duplicates().isEmpty()) {
      out.println("metrics defined twice:");
      for (DiscoveryReport.Duplicate duplicate : report.duplicates()) {
        StringBuilder line = new StringBuilder("  ").append(duplicate.metric());
        line.append(
            duplicate.external()
                ? " (external)"
                : duplicate.namespaced() ? " (namespaced)" : " (cluster-scoped)");
        line.append(": served by ").append(duplicate.servedBy()).append("; also ");
        line.append(
            String.join(", ", duplicate.alsoProducedBy().stream().map(Object::toString).toList()));
        long more = duplicate.alsoProducedByCount() - duplicate.alsoProducedBy().size();
        if (more > 0) {
          line.append(" and ").append(more).append(" more");
        }
        out.println(line);
      }
    }
  }

  private static String examples(DiscoveryReport.Drop drop) {
    String listed = String.join(", ", drop.examples());
    return drop.count() > drop.examples().size()
        ? " (e.g. " + listed + ", ...)"
        : " (" + listed + ")";
  }
}
