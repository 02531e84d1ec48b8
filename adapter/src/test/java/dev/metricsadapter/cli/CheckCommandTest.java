package dev.metricsadapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.app.CheckDryRun;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return ServeCommand.commandLine(options -> 0, CheckDryRun::open, request -> new JsonObject())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void validRulesExitZeroWithASummaryAndWarnings() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("ok.yaml"),
            "rules:\n- seriesQuery: s\n  name: {matches: ^(.*)_total$, as: $1_rate}\n"
                + "  metricsQuery: sum(<<.Series>>)\n");
    assertEquals(0, run("check", "--config=" + file));
    assertEquals(
        file + ": valid (rules: 1, externalRules: 0, resourceRules: absent, warnings: 1)\n",
        out.toString());
    assertTrue(
        err.toString().startsWith(file + ":3: rules[0].name.as: '$1_rate' refers to"),
        err.toString());
    assertTrue(err.toString().trim().endsWith("(warning)"), err.toString());
  }

  @Test
  void invalidRulesExitOneListingEveryError() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("bad.yaml"),
            "rules:\n- seriesQuery: s\n  metricsQuery: <<.Nope>>\n"
                + "- seriesQuery: t\n  metricsQuery: x\n  x: 1\n");
    assertEquals(1, run("check", "--config", file.toString()));
    assertEquals(
        file
            + ":3: rules[0].metricsQuery: unknown field \".Nope\" in \"<<.Nope>>\"; supported:"
            + " <<.GroupBy>>, <<.GroupBySlice>>, <<.LabelMatchers>>, <<.LabelValuesByName>>,"
            + " <<.Series>>, <<index .LabelValuesByName \"label\">> (rule with seriesQuery s)\n"
            + file
            + ":6: rules[1].x: unknown key (allowed here: metricsQuery, name, resources,"
            + " seriesFilters, seriesQuery)\n"
            + file
            + ": invalid (errors: 2)\n",
        err.toString());
  }

  @Test
  void aSeriesQueryThatIsNotASelectorIsAnErrorAtItsLine() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("selector.yaml"),
            "rules:\n- seriesQuery: '{__name__=\"ok\"}'\n  metricsQuery: sum(<<.Series>>)\n"
                + "- seriesQuery: 'http_requests_total{namespace!=\"\"'\n"
                + "  metricsQuery: sum(<<.Series>>)\n");
    assertEquals(1, run("check", "--config=" + file));
    assertEquals("", out.toString());
    assertEquals(
        file
            + ":4: rules[1].seriesQuery: not a valid series selector: missing '}' at column 34 of"
            + " `http_requests_total{namespace!=\"\"`\n"
            + file
            + ": invalid (errors: 1)\n",
        err.toString());
  }

  @Test
  void theRepositoryRulesPass() {
    assertEquals(0, run("check", "--config=../rules"), err.toString());
  }

  @Test
  void usageErrorsExitTwoNamingTheProblem() {
    assertEquals(2, run("check"));
    assertTrue(
        err.toString()
            .startsWith(
                "metrics-adapter: --config is required: a rule file or a directory of rule files"),
        err.toString());
    assertEquals(2, run("--no-such-flag"));
    assertEquals(2, run());
  }

  @Test
  void jsonForValidRulesIsOneDocumentOnStdout() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("ok.yaml"),
            "rules:\n- seriesQuery: s\n  name: {matches: ^(.*)_total$, as: $1_rate}\n"
                + "  metricsQuery: sum(<<.Series>>)\n");
    assertEquals(0, run("check", "--config=" + file, "--output=json"));
    assertEquals("", err.toString());
    JsonObject json = new JsonObject(out.toString());
    assertEquals(
        List.of("valid", "errors", "warnings", "summary", "dryRun"),
        List.copyOf(json.fieldNames()));
    assertEquals(true, json.getBoolean("valid"));
    assertEquals(new JsonArray(), json.getJsonArray("errors"));
    JsonObject warning = json.getJsonArray("warnings").getJsonObject(0);
    assertEquals(List.of("file", "line", "path", "message"), List.copyOf(warning.fieldNames()));
    assertEquals(file.toString(), warning.getString("file"));
    assertEquals(3, warning.getInteger("line"));
    assertEquals("rules[0].name.as", warning.getString("path"));
    assertEquals(
        new JsonObject()
            .put("config", file.toString())
            .put("rules", 1)
            .put("externalRules", 0)
            .put("resourceRules", false)
            .put("errors", 0)
            .put("warnings", 1),
        json.getJsonObject("summary"));
    assertTrue(json.containsKey("dryRun"));
    assertNull(json.getValue("dryRun"));
  }

  @Test
  void jsonForInvalidRulesListsEveryErrorAndExitsOne() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("bad.yaml"),
            "rules:\n- seriesQuery: s\n  metricsQuery: <<.Nope>>\n"
                + "- seriesQuery: t\n  metricsQuery: x\n  x: 1\n");
    assertEquals(1, run("check", "--config=" + file, "--output", "json"));
    assertEquals("", err.toString());
    JsonObject json = new JsonObject(out.toString());
    assertEquals(false, json.getBoolean("valid"));
    JsonArray errors = json.getJsonArray("errors");
    assertEquals(2, errors.size());
    assertEquals(
        new JsonObject()
            .put("file", file.toString())
            .put("line", 6)
            .put("path", "rules[1].x")
            .put(
                "message",
                "unknown key (allowed here: metricsQuery, name, resources, seriesFilters,"
                    + " seriesQuery)"),
        errors.getJsonObject(1));
    assertEquals(3, errors.getJsonObject(0).getInteger("line"));
    JsonObject summary = json.getJsonObject("summary");
    assertEquals(2, summary.getInteger("errors"));
    assertNull(summary.getValue("rules"));
    assertNull(json.getValue("dryRun"));
  }

  @Test
  void everyFileOfADirectoryIsCheckedAndEveryErrorReported() throws IOException {
    Path rules = Files.createDirectory(dir.resolve("rules"));
    Path a =
        Files.writeString(
            rules.resolve("a.yaml"), "rules:\n- seriesQuery: s\n  metricsQuery: <<.Nope>>\n");
    Path b = Files.writeString(rules.resolve("b.yml"), "externalRules:\n- seriesQuery: t\n");
    Files.writeString(rules.resolve("notes.txt"), "not a rule file");
    assertEquals(1, run("check", "--config=" + rules));
    String errors = err.toString();
    assertTrue(errors.contains(a + ":3: rules[0].metricsQuery: unknown field"), errors);
    assertTrue(errors.contains(b + ":2: externalRules[0].metricsQuery: required"), errors);
    assertTrue(errors.endsWith(rules + ": invalid (errors: 2)\n"), errors);
    assertEquals("", out.toString());

    Files.writeString(a, "rules:\n- seriesQuery: s\n  metricsQuery: sum(<<.Series>>)\n");
    Files.writeString(
        b,
        "externalRules:\n- seriesQuery: t\n  metricsQuery: sum(<<.Series>>)\n"
            + "- seriesQuery: u\n  metricsQuery: sum(<<.Series>>)\n");
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    assertEquals(0, run("check", "--config=" + rules, "--output=json"));
    JsonObject summary = new JsonObject(out.toString()).getJsonObject("summary");
    assertEquals(1, summary.getInteger("rules"));
    assertEquals(2, summary.getInteger("externalRules"));
  }

  @Test
  void badOptionValuesAreUsageErrors() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("ok.yaml"), "rules:\n- seriesQuery: s\n  metricsQuery: sum(<<.Series>>)\n");
    assertEquals(2, run("check", "--config=" + file, "--output=yaml"));
    assertTrue(err.toString().contains("--output"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(
        2,
        run(
            "check",
            "--config=" + file,
            "--prometheus-url=http://127.0.0.1:1",
            "--prometheus-timeout=soon"));
    assertTrue(err.toString().contains("--prometheus-timeout"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(2, run("check", "--config=" + file, "--prometheus-url=ftp://x"));
    assertTrue(
        err.toString()
            .startsWith("metrics-adapter: --prometheus-url must be an http:// or https://"),
        err.toString());
    err.getBuffer().setLength(0);
    assertEquals(
        2,
        run("check", "--config=" + file, "--prometheus-url=http://x", "--prometheus-header=nokey"));
    assertTrue(
        err.toString().startsWith("metrics-adapter: --prometheus-header must be KEY=VALUE"),
        err.toString());
    err.getBuffer().setLength(0);
    assertEquals(2, run("check", "--config=" + file, "--prometheus-header=a=b"));
    assertTrue(err.toString().contains("needs --prometheus-url"), err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void helpListsTheSubcommand() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("check"), out.toString());
  }
}
