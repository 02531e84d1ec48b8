package dev.metricsadapter.cli;

import dev.metricsadapter.observability.LoggingOptions;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --log-format} and {@code --log-level}. A picocli mixin. */
public final class LoggingFlags {

  private static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Log lines as text or as JSON objects (one per line, on stderr).")
  private String format;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      defaultValue = "info",
      description =
          "error, warn, info, debug (adds one line per request with its PromQL) or trace.")
  private String level;

  /**
   * The validated logging options.
   *
   * @throws FlagException naming the flag that cannot be used
   */
  LoggingOptions options() {
    if (!format.equals("text") && !format.equals("json")) {
      throw new FlagException("--log-format must be text or json, not \"" + format + "\"");
    }
    String lower = level.toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(lower)) {
      throw new FlagException(
          "--log-level must be error, warn, info, debug or trace, not \"" + level + "\"");
    }
    return new LoggingOptions(format, lower);
  }
}
