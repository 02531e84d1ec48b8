package dev.metricsadapter.cli;

import dev.metricsadapter.diagnostics.DiscoveryReport;
import dev.metricsadapter.diagnostics.RuleReportJson;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.ConfigProblem;
import dev.metricsadapter.rules.GoDuration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code check --output=json}: one JSON document on stdout, fields in a fixed order:
 *
 * <pre>
 * {"valid", "errors": [{"file","line","path","message"}] (load errors, invalid seriesQuery selectors
 * and what the dry run found refused), "warnings": [...], "summary":
 * {"config","rules","externalRules","resourceRules","errors","warnings"}, "dryRun": null |
 * {"prometheusUrl","metricsMaxAge","error","refused": [...],"summary","rules": [{"rule","seriesQuery",
 * "seriesMatched","seriesKept","metrics": [{"name","resource","namespaced","served"}],
 * "dropped": [{"reason","count","examples"}],"notServed": [...]}],"duplicates": [...],
 * "warnings": [...]}}
 * </pre>
 */
final class CheckJsonOutput {

  private CheckJsonOutput() {}

  static void write(CheckResult result, PrintWriter out) {
    out.println(document(result).encodePrettily());
  }

  static JsonObject document(CheckResult result) {
    List<ConfigProblem> warnings = result.rules().map(CompiledRules::warnings).orElse(List.of());
    JsonObject summary =
        new JsonObject()
            .put("config", result.config().toString())
            .put("rules", result.rules().map(r -> r.rules().size()).orElse(null))
            .put("externalRules", result.rules().map(r -> r.externalRules().size()).orElse(null))
            .put(
                "resourceRules",
                result.rules().map(r -> r.resourceRules().isPresent()).orElse(null))
            .put("errors", result.allErrors().size())
            .put("warnings", warnings.size());
    return new JsonObject()
        .put("valid", result.valid())
        .put("errors", problems(result.allErrors()))
        .put("warnings", problems(warnings))
        .put("summary", summary)
        .put("dryRun", result.dryRun().map(CheckJsonOutput::dryRun).orElse(null));
  }

  private static JsonArray problems(List<ConfigProblem> problems) {
    JsonArray array = new JsonArray();
    for (ConfigProblem problem : problems) {
      array.add(
          new JsonObject()
              .put("file", problem.file())
              .put("line", problem.line())
              .put("path", problem.path())
              .put("message", problem.message()));
    }
    return array;
  }

  private static JsonObject dryRun(CheckResult.DryRun dryRun) {
    JsonObject json =
        new JsonObject()
            .put("prometheusUrl", dryRun.prometheusUrl())
            .put("metricsMaxAge", GoDuration.format(dryRun.maxAge()))
            .put("error", dryRun.error().orElse(null))
            .put("refused", problems(dryRun.refused()));
    DiscoveryReport report = dryRun.report().orElse(null);
    if (report == null) {
      return json.put("summary", null)
          .put("rules", new JsonArray())
          .put("duplicates", new JsonArray())
          .put("warnings", new JsonArray());
    }
    JsonArray rules = new JsonArray();
    report.rules().forEach(rule -> rules.add(RuleReportJson.of(rule)));
    JsonArray duplicates = new JsonArray();
    for (DiscoveryReport.Duplicate duplicate : report.duplicates()) {
      JsonArray others = new JsonArray();
      duplicate.alsoProducedBy().forEach(source -> others.add(source(source)));
      duplicates.add(
          new JsonObject()
              .put("metric", duplicate.metric())
              .put("external", duplicate.external())
              .put("namespaced", duplicate.namespaced())
              .put("servedBy", source(duplicate.servedBy()))
              .put("alsoProducedBy", others)
              .put("alsoProducedByCount", duplicate.alsoProducedByCount()));
    }
    return json.put(
            "summary",
            new JsonObject()
                .put("metrics", report.servedMetrics())
                .put("externalMetrics", report.servedExternalMetrics())
                .put("duplicates", report.duplicates().size()))
        .put("rules", rules)
        .put("duplicates", duplicates)
        .put("warnings", new JsonArray(List.copyOf(report.warnings())));
  }

  private static JsonObject source(DiscoveryReport.Source source) {
    return new JsonObject().put("rule", source.rule()).put("series", source.series());
  }
}
