package dev.metricsadapter.cli;

import picocli.CommandLine.Option;

/**
 * {@code --output=text|json}, shared by the commands that print a report ({@code check}, {@code
 * explain}): text for people, or one JSON document on stdout and nothing else there. A picocli
 * mixin.
 */
public final class OutputFlag {

  /** The formats. */
  private enum Format {
    text,
    json
  }

  @Option(
      names = "--output",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "text, or json: one JSON document on stdout.")
  private Format format;

  /** Whether {@code --output=json} was given. */
  boolean json() {
    return format == Format.json;
  }
}
