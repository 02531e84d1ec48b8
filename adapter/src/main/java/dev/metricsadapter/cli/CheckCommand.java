package dev.metricsadapter.cli;

import dev.metricsadapter.config.ConfigProblem;
import dev.metricsadapter.config.RuleConfigException;
import dev.metricsadapter.naming.BuiltinResourceMapper;
import dev.metricsadapter.naming.CompiledRules;
import dev.metricsadapter.rulefiles.RuleFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code check --config=PATH}: validates rule files offline with the same errors as startup, all at
 * once, as {@code file:line: message}. Exit code 0 when valid (warnings may be printed), 1 when
 * not.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Validate rule files offline; exit 0 when valid, 1 when not.")
public final class CheckCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "PATH",
      description = "Rule file, or directory of *.yaml/*.yml rule files merged in name order.")
  private Path config;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      CompiledRules rules = RuleFiles.load(config, new BuiltinResourceMapper());
      for (ConfigProblem warning : rules.warnings()) {
        err.println(warning + " (warning)");
      }
      out.printf(
          "%s: valid (rules: %d, externalRules: %d, resourceRules: %s, warnings: %d)%n",
          config,
          rules.rules().size(),
          rules.externalRules().size(),
          rules.resourceRules().isPresent() ? "present" : "absent",
          rules.warnings().size());
      return 0;
    } catch (RuleConfigException e) {
      e.problems().forEach(err::println);
      err.printf("%s: invalid (errors: %d)%n", config, e.problems().size());
      return 1;
    }
  }
}
