package dev.metricsadapter.rules;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus duration syntax ({@code 5m}, {@code 1h30m}, {@code 90s}, {@code 500ms}; units y, w, d,
 * h, m, s, ms in that order, a year being 365 days), as used by {@code resourceRules.window}.
 */
public final class PrometheusDuration {

  private static final Pattern SYNTAX =
      Pattern.compile(
          "(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?");
  private static final Duration[] UNITS = {
    Duration.ofDays(365),
    Duration.ofDays(7),
    Duration.ofDays(1),
    Duration.ofHours(1),
    Duration.ofMinutes(1),
    Duration.ofSeconds(1),
    Duration.ofMillis(1)
  };

  private PrometheusDuration() {}

  /**
   * Parses {@code text}; {@code 0} is zero.
   *
   * @throws IllegalArgumentException if the text is not a Prometheus duration
   */
  public static Duration parse(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = SYNTAX.matcher(text);
    if (text.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException(
          "not a duration: \"" + text + "\" (expected e.g. 30s, 5m or 1h30m)");
    }
    Duration total = Duration.ZERO;
    for (int unit = 0; unit < UNITS.length; unit++) {
      String amount = m.group(unit + 1);
      if (amount != null) {
        total = total.plus(UNITS[unit].multipliedBy(Long.parseLong(amount)));
      }
    }
    return total;
  }
}
