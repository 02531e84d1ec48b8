package dev.metricsadapter.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration} syntax, as prometheus-adapter's flags take it: a sequence of
 * decimal numbers with units {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code
 * m}, {@code h}, e.g. {@code 500ms}, {@code 30s}, {@code 1m}, {@code 1h30m}, {@code 1.5h}; {@code
 * 0} alone is zero. Negative durations are rejected (no flag takes one).
 */
public final class GoDuration {

  private static final Pattern PART = Pattern.compile("([0-9]*\\.?[0-9]*)(ns|us|µs|ms|s|m|h)");

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static Duration parse(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher part = PART.matcher(text);
    Duration total = Duration.ZERO;
    int position = 0;
    while (position < text.length() && part.find(position) && part.start() == position) {
      String number = part.group(1);
      if (number.isEmpty() || number.equals(".")) {
        break;
      }
      BigDecimal nanos =
          new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos(part.group(2))));
      total = total.plusNanos(nanos.longValue());
      position = part.end();
    }
    if (text.isEmpty() || position != text.length()) {
      throw new IllegalArgumentException(
          "invalid duration \"" + text + "\" (expected e.g. 500ms, 30s, 1m or 1h30m)");
    }
    return total;
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
  }

  /**
   * Formats {@code duration} the way Go prints it ({@code 1m0s}, {@code 1h30m0s}, {@code 500ms}).
   */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      return duration.toMillis() + "ms";
    }
    StringBuilder out = new StringBuilder();
    if (duration.toHours() > 0) {
      out.append(duration.toHours()).append('h');
    }
    if (duration.toHours() > 0 || duration.toMinutesPart() > 0) {
      out.append(duration.toMinutesPart()).append('m');
    }
    BigDecimal seconds =
        BigDecimal.valueOf(duration.toSecondsPart())
            .add(BigDecimal.valueOf(duration.toNanosPart(), 9))
            .stripTrailingZeros();
    return out.append(seconds.toPlainString()).append('s').toString();
  }

  private GoDuration() {}
}
