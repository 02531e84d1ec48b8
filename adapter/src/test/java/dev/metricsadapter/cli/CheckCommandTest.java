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
import picocli.CommandLine;

class CheckCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new AdapterCommand())
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
        file + ": 1 rules, 0 externalRules, resourceRules absent; 1 warnings\n", out.toString());
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
            "rules:\n- seriesQuery: s\n  metricsQuery: <<.Nope>>\n  x: 1\n");
    assertEquals(1, run("check", "--config", file.toString()));
    // Structural errors (here the unknown key) are reported before templates are compiled.
    String[] lines = err.toString().split("\n");
    assertEquals(2, lines.length, err.toString());
    assertTrue(lines[0].startsWith(file + ":4: rules[0].x: unknown key"), lines[0]);
    assertEquals(file + ": 1 errors", lines[1]);
    StringWriter compileErrors = new StringWriter();
    Files.writeString(
        file,
        "rules:\n- seriesQuery: s\n  metricsQuery: <<.Nope>>\n- seriesQuery: t\n  name: {matches: (a)(b)}\n  metricsQuery: x\n");
    assertEquals(
        1,
        new CommandLine(new AdapterCommand())
            .setErr(new PrintWriter(compileErrors, true))
            .execute("check", "--config", file.toString()));
    assertTrue(compileErrors.toString().endsWith(": 2 errors\n"), compileErrors.toString());
  }

  @Test
  void theRepositoryRulesPass() {
    assertEquals(0, run("check", "--config=../rules"), err.toString());
  }

  @Test
  void usageErrorsExitTwoNamingTheProblem() {
    assertEquals(2, run("check"));
    assertTrue(
        err.toString().startsWith("Missing required option: '--config=PATH'"), err.toString());
    assertEquals(2, run("--no-such-flag"));
    assertEquals(2, run());
  }

  @Test
  void helpListsTheSubcommand() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("check"), out.toString());
  }
}
