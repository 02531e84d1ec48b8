package dev.metricsadapter;

import dev.metricsadapter.cli.AdapterCommand;
import picocli.CommandLine;

/** Composition root: parses the command line and runs the chosen command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new AdapterCommand()).execute(args));
  }
}
