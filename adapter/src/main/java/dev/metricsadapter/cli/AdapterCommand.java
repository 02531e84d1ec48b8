package dev.metricsadapter.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code metrics-adapter} command line: its subcommands, and help and version. */
@Command(
    name = "metrics-adapter",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Kubernetes custom-metrics adapter for Prometheus.",
    subcommands = {CheckCommand.class})
public final class AdapterCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required");
  }
}
