package dev.metricsadapter.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config}: the rule file or directory, shared by every command. A picocli mixin. */
public final class RulesFlag {

  @Option(
      names = "--config",
      paramLabel = "PATH",
      description =
          "Rule file, or directory of *.yaml/*.yml rule files merged in name order (required).")
  private Path config;

  /**
   * The rule file or directory.
   *
   * @throws FlagException if it is missing or does not exist
   */
  Path config() {
    if (config == null) {
      throw new FlagException("--config is required: a rule file or a directory of rule files");
    }
    return FlagFiles.existing("--config", config);
  }
}
