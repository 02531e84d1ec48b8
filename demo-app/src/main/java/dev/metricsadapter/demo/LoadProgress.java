package dev.metricsadapter.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A progress line of the load generator, {@code load t=10s target=30.0 rps sent=150 ok=148 errors=2
 * dropped=0 in-flight=1}: written by {@link LoadGenerator}, read back for the demo's table (its
 * target rate). The one place of that format.
 *
 * @param elapsedSeconds time since the run's start
 * @param targetRps the rate the profile plans at that time
 * @param sent requests sent so far
 * @param ok answers with a 2xx status so far
 * @param errors requests that did not succeed so far
 * @param dropped planned requests not sent because too many were in flight
 * @param inFlight requests waiting for their answer
 */
public record LoadProgress(
    double elapsedSeconds,
    double targetRps,
    long sent,
    long ok,
    long errors,
    long dropped,
    int inFlight) {

  private static final Pattern TARGET =
      Pattern.compile("(?m)^load t=\\d+s target=(\\d+(?:\\.\\d+)?) rps ");

  /** The line. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "load t=%.0fs target=%.1f rps sent=%d ok=%d errors=%d dropped=%d in-flight=%d",
        elapsedSeconds,
        targetRps,
        sent,
        ok,
        errors,
        dropped,
        inFlight);
  }

  /**
   * The target rate of the last progress line in the load generator's output file {@code log};
   * empty while it has none (or there is no such file yet). Reads the whole file: a run writes one
   * short line per report interval.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static OptionalDouble latestTargetRps(Path log) {
    String text;
    try {
      text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return OptionalDouble.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the load generator's output " + log, e);
    }
    OptionalDouble latest = OptionalDouble.empty();
    for (Matcher m = TARGET.matcher(text); m.find(); ) {
      latest = OptionalDouble.of(Double.parseDouble(m.group(1)));
    }
    return latest;
  }
}
