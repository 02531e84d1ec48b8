package dev.metricsadapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.app.CheckDryRun;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code docs/flags.md} against the commands themselves: every option of each command has exactly
 * one row in its section, no row names an option the command lacks, and each row's Default cell
 * shows the option's default value.
 */
class FlagsDocumentationTest {

  private static final Path FLAGS_MD = Path.of("..", "docs", "flags.md");

  /** A table row: the flag in backticks, then the Default cell. */
  private static final Pattern ROW = Pattern.compile("^\\| `(--[a-z0-9-]+)[^`]*` \\|([^|]*)\\|");

  @ParameterizedTest(name = "{0}")
  @CsvSource({"serve, ''", "check, check", "explain, explain"})
  void everyFlagHasOneRowWithItsDefault(String section, String subcommand) throws IOException {
    CommandLine root =
        ServeCommand.commandLine(options -> 0, CheckDryRun::open, request -> new JsonObject());
    CommandSpec spec =
        subcommand.isEmpty()
            ? root.getCommandSpec()
            : root.getSubcommands().get(subcommand).getCommandSpec();
    Map<String, String> documented = rows(section);
    Map<String, OptionSpec> options = new LinkedHashMap<>();
    spec.options().forEach(option -> options.put(option.longestName(), option));
    assertEquals(
        options.keySet().stream().sorted().toList(),
        documented.keySet().stream().sorted().toList(),
        "the flags of " + section + " and the rows of its section in " + FLAGS_MD);
    for (OptionSpec option : options.values()) {
      String fallback = option.defaultValue();
      if (fallback != null && !fallback.isEmpty()) {
        String cell = documented.get(option.longestName());
        assertTrue(
            cell.contains("`" + fallback + "`"),
            option.longestName() + ": the Default cell '" + cell + "' lacks `" + fallback + "`");
      }
    }
  }

  /** The rows of the section {@code ## name}: flag name to Default cell. */
  private static Map<String, String> rows(String name) throws IOException {
    List<String> lines = Files.readAllLines(FLAGS_MD);
    int start = lines.indexOf("## " + name);
    assertTrue(start >= 0, "no section '## " + name + "' in " + FLAGS_MD);
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        String previous = rows.put(row.group(1), row.group(2).trim());
        assertEquals(null, previous, row.group(1) + " has two rows in section " + name);
      }
    }
    return rows;
  }
}
