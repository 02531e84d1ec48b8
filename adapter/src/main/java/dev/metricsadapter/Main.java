package dev.metricsadapter;

import dev.metricsadapter.cli.AdapterCommand;

/** Composition root: parses the command line and runs the chosen command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(AdapterCommand.commandLine(options -> 0).execute(args));
  }
}
