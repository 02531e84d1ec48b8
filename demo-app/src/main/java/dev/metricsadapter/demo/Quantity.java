package dev.metricsadapter.demo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes quantity, the form of the custom metrics API's values and of an HPA's targets: a
 * signed decimal number ({@code 12}, {@code 1.5}, {@code .5}, {@code -250}) followed by at most one
 * of a decimal exponent ({@code e3}, {@code E-2}), a decimal suffix ({@code n u m k M G T P E}) or
 * a binary one ({@code Ki Mi Gi Ti Pi Ei}). Immutable.
 */
public final class Quantity {

  private static final Pattern SYNTAX =
      Pattern.compile(
          "([+-]?(?:\\d+\\.?\\d*|\\.\\d+))(?:([eE][+-]?\\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?");

  private static final int MAX_SCALE = 100;

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
          Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
          Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
          Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
          Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
          Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
          Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
          Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
          Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)),
          Map.entry("Ki", BigDecimal.valueOf(1024)),
          Map.entry("Mi", BigDecimal.valueOf(1024).pow(2)),
          Map.entry("Gi", BigDecimal.valueOf(1024).pow(3)),
          Map.entry("Ti", BigDecimal.valueOf(1024).pow(4)),
          Map.entry("Pi", BigDecimal.valueOf(1024).pow(5)),
          Map.entry("Ei", BigDecimal.valueOf(1024).pow(6)));

  private final String text;
  private final BigDecimal amount;

  private Quantity(String text, BigDecimal amount) {
    this.text = text;
    this.amount = amount;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the text when it is not a quantity
   */
  public static Quantity parse(String text) {
    Matcher m = SYNTAX.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a Kubernetes quantity (examples: 12500m, 2, 1.5k, 1Ki, 1e3)");
    }
    BigDecimal number;
    try {
      number = new BigDecimal(m.group(2) == null ? m.group(1) : m.group(1) + m.group(2));
    } catch (NumberFormatException e) {
      number = null;
    }
    // Bounded, so that no arithmetic on it can take long (10^±1000000000 would).
    if (number == null || Math.abs(number.scale()) > MAX_SCALE) {
      throw new IllegalArgumentException(
          "'" + text + "' is out of range (exponents up to " + MAX_SCALE + ")");
    }
    return new Quantity(
        text, m.group(3) == null ? number : number.multiply(SUFFIXES.get(m.group(3))));
  }

  /** The value as a double (rounded to the nearest). */
  public double doubleValue() {
    return amount.doubleValue();
  }

  /** ceil(value × 1000): the milli-units the HPA controller computes with (MilliValue()). */
  public BigInteger milliValue() {
    return amount.movePointRight(3).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
  }

  /** The text it was parsed from. */
  @Override
  public String toString() {
    return text;
  }
}
