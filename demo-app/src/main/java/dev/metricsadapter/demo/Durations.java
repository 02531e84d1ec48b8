package dev.metricsadapter.demo;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go-style durations ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1m30s}, {@code 0}), the form
 * the adapter's flags use. Stateless and thread-safe.
 */
public final class Durations {

  private static final Pattern WHOLE =
      Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the text when it is not a duration (a bare number other
   *     than {@code 0} has no unit and is rejected)
   */
  public static Duration parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.equals("0")) {
      return Duration.ZERO;
    }
    if (!WHOLE.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (examples: 250ms, 30s, 2m, 1m30s)");
    }
    Matcher part = PART.matcher(trimmed);
    double nanos = 0;
    while (part.find()) {
      nanos += Double.parseDouble(part.group(1)) * nanosPer(part.group(2));
    }
    return Duration.ofNanos(Math.round(nanos));
  }

  /** Formats compactly for messages: {@code 250ms}, {@code 90s}, {@code 1.5s}. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis < 1000 ? millis + "ms" : (millis / 1000.0) + "s";
    }
    return (millis / 1000) + "s";
  }

  private static double nanosPer(String unit) {
    switch (unit) {
      case "ns":
        return 1;
      case "us":
      case "µs":
        return 1e3;
      case "ms":
        return 1e6;
      case "s":
        return 1e9;
      case "m":
        return 60e9;
      default:
        return 3600e9;
    }
  }
}
