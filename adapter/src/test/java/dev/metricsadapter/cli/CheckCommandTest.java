package dev.metricsadapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return AdapterCommand.commandLine(options -> 0)
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
  void theRepositoryRulesPass() {
    assertEquals(0, run("check", "--config=../rules"), err.toString());
  }

  @Test
  void usageErrorsExitTwoNamingTheProblem() {
    assertEquals(2, run("check"));
    assertTrue(
        err.toString().startsWith("metrics-adapter: Missing required option: '--config=PATH'"),
        err.toString());
    assertEquals(2, run("--no-such-flag"));
    assertEquals(2, run());
  }

  @Test
  void helpListsTheSubcommand() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("check"), out.toString());
  }
}
