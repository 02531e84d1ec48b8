package dev.metricsadapter.quantity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * Conversion of Prometheus sample values into Kubernetes {@code resource.Quantity} strings.
 *
 * <p>The canonical form follows apimachinery's {@code AsCanonicalBytes} for the DecimalSI format:
 * nano precision (non-zero values are rounded up, away from zero, to the next multiple of
 * 10<sup>-9</sup>), an integer mantissa without a decimal point, and the largest DecimalSI suffix
 * ({@code n u m "" k M G T P E}) for which the mantissa stays an integer.
 *
 * <p>This class is pure: it performs no I/O and holds no state.
 */
public final class Quantities {

  /** Exponent of the smallest DecimalSI suffix ({@code n}). */
  private static final int MIN_EXPONENT = -9;

  /** Exponent of the largest DecimalSI suffix ({@code E}). */
  private static final int MAX_EXPONENT = 18;

  /** DecimalSI suffixes indexed by {@code (exponent - MIN_EXPONENT) / 3}. */
  private static final String[] SUFFIXES = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};

  /** Exact value of {@link Double#MAX_VALUE}; larger magnitudes are not finite float64 values. */
  private static final BigDecimal MAX_FLOAT64 = new BigDecimal(Double.MAX_VALUE);

  private static final String NAN = "NaN";
  private static final String POSITIVE_INFINITY = "+Inf";
  private static final String NEGATIVE_INFINITY = "-Inf";
  private static final String INFINITY = "Inf";

  private Quantities() {}

  /**
   * Returns the canonical Kubernetes {@code resource.Quantity} string, in DecimalSI format, for
   * {@code value} at nano precision.
   *
   * <p>Contract:
   *
   * <ul>
   *   <li>Zero (of any scale) is {@code "0"}.
   *   <li>A non-zero value is first rounded to the nearest multiple of 10<sup>-9</sup> (half away
   *       from zero): digits below a nano in a Prometheus sample are floating-point noise ({@code
   *       0.25000000000000006} is {@code "250m"}, not {@code "250000001n"}, which the HPA's {@code
   *       MilliValue} would read as 251m). A non-zero value never becomes zero: below
   *       10<sup>-9</sup> it is {@code "1n"} ({@code "-1n"}).
   *   <li>The result is an integer mantissa (no decimal point, no exponent), preceded by {@code
   *       '-'} if negative, followed by the largest DecimalSI suffix ({@code n}=10<sup>-9</sup>,
   *       {@code u}=10<sup>-6</sup>, {@code m}=10<sup>-3</sup>, none=1, {@code k}=10<sup>3</sup>,
   *       {@code M}=10<sup>6</sup>, {@code G}=10<sup>9</sup>, {@code T}=10<sup>12</sup>, {@code
   *       P}=10<sup>15</sup>, {@code E}=10<sup>18</sup>) for which the mantissa is an integer:
   *       trailing zeros are moved into the exponent, which is then lowered to the next multiple of
   *       three. Examples: {@code 1000 -> "1k"}, {@code 1500 -> "1500"}, {@code 1.5 -> "1500m"},
   *       {@code 1234.5678 -> "1234567800u"}, {@code -2.5 -> "-2500m"}.
   *   <li>DecimalSI has no suffix above {@code E}: for values whose exponent would exceed 18
   *       (values at or above 10<sup>21</sup> with enough trailing zeros) the suffix stays {@code
   *       E} and the mantissa grows, e.g. {@code 1e21 -> "1000E"}. Such strings are valid Quantity
   *       syntax, but Kubernetes consumers cannot represent them in int64 milli units.
   * </ul>
   *
   * <p>The length of the result grows with the magnitude of {@code value}; callers should only pass
   * values in float64 range (as {@link #parsePrometheusValue} guarantees).
   *
   * @param value the value to format; must not be {@code null}
   * @return the canonical DecimalSI Quantity string, never {@code null}
   * @throws NullPointerException if {@code value} is {@code null}
   */
  public static String canonical(BigDecimal value) {
    Objects.requireNonNull(value, "value");
    int signum = value.signum();
    if (signum == 0) {
      return "0";
    }
    BigDecimal magnitude = value.abs();
    String sign = signum < 0 ? "-" : "";
    // Adjusted exponent: magnitude is in [10^adjusted, 10^(adjusted+1)).
    long adjusted = (long) magnitude.precision() - magnitude.scale() - 1;
    if (adjusted < MIN_EXPONENT) {
      // Strictly below 1e-9: reported as the smallest non-zero quantity, 1n. Handled here so that
      // absurdly small inputs (e.g. 1e-999999999) do not trigger huge divisions.
      return sign + "1n";
    }
    if (magnitude.scale() > -MIN_EXPONENT) {
      magnitude = magnitude.setScale(-MIN_EXPONENT, RoundingMode.HALF_UP);
    }
    magnitude = magnitude.stripTrailingZeros();
    BigInteger mantissa = magnitude.unscaledValue();
    // Exponent is within [-9, ...] here because the scale is at most 9.
    long exponent = -(long) magnitude.scale();
    int lower = (int) Math.floorMod(exponent, 3L);
    if (lower != 0) {
      mantissa = mantissa.multiply(BigInteger.TEN.pow(lower));
      exponent -= lower;
    }
    if (exponent > MAX_EXPONENT) {
      mantissa = mantissa.multiply(BigInteger.TEN.pow(Math.toIntExact(exponent - MAX_EXPONENT)));
      exponent = MAX_EXPONENT;
    }
    return sign + mantissa + SUFFIXES[(int) (exponent - MIN_EXPONENT) / 3];
  }

  /**
   * The canonical Kubernetes Quantity string of {@code value} in BinarySI, as metrics-server prints
   * memory: a whole number that is an exact multiple of 1024 uses the largest binary suffix that
   * keeps an integer mantissa ({@code 1048576} -> {@code 1Mi}, {@code 1572864} -> {@code 1536Ki}),
   * other whole numbers are plain ({@code 3100}), and fractions fall back to {@link #canonical}
   * ({@code 3100.5} -> {@code 3100500m}).
   */
  public static String canonicalBinary(BigDecimal value) {
    BigDecimal whole = value.stripTrailingZeros();
    if (whole.scale() > 0) {
      return canonical(value);
    }
    BigInteger mantissa = whole.toBigIntegerExact();
    BigInteger unit = BigInteger.valueOf(1024);
    String[] suffixes = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    int exponent = 0;
    while (exponent < suffixes.length - 1
        && mantissa.signum() != 0
        && mantissa.abs().compareTo(unit) >= 0
        && mantissa.mod(unit).signum() == 0) {
      mantissa = mantissa.divide(unit);
      exponent++;
    }
    return mantissa + suffixes[exponent];
  }

  /**
   * Parses a Prometheus sample value string (as found in the {@code value}/{@code values} pairs of
   * the Prometheus HTTP API, e.g. {@code "1.5"}, {@code "-3"}, {@code "0.000001"}, {@code "1e+21"})
   * into an exact {@link BigDecimal}, without going through {@code double}.
   *
   * <p>Contract:
   *
   * <ul>
   *   <li>{@code "NaN"} returns {@link Optional#empty()}.
   *   <li>{@code "+Inf"}, {@code "-Inf"} and {@code "Inf"} throw {@link IllegalArgumentException}
   *       (an infinite value has no Quantity representation; the caller decides what to do).
   *   <li>Any other text is parsed with {@link BigDecimal#BigDecimal(String)} (optional sign,
   *       digits with optional fraction, optional {@code e}/{@code E} exponent with optional sign);
   *       text it rejects (for example the empty string, whitespace-padded text, or other words
   *       such as {@code "nan"} or {@code "Infinity"}) throws {@link IllegalArgumentException}
   *       naming the offending text.
   *   <li>A number whose magnitude exceeds {@link Double#MAX_VALUE} (the largest finite float64)
   *       cannot have come from Prometheus and throws {@link IllegalArgumentException}; this also
   *       keeps {@link #canonical} from building gigantic mantissas.
   *   <li>Matching of the special words is case-sensitive, as Prometheus writes them.
   * </ul>
   *
   * @param text the sample value string; must not be {@code null}
   * @return the exact value, or empty if {@code text} is {@code "NaN"}
   * @throws IllegalArgumentException if {@code text} is an infinity or not a finite decimal number
   * @throws NullPointerException if {@code text} is {@code null}
   */
  public static Optional<BigDecimal> parsePrometheusValue(String text) {
    Objects.requireNonNull(text, "text");
    if (isNaN(text)) {
      return Optional.empty();
    }
    if (isInfinite(text)) {
      throw new IllegalArgumentException(
          "Prometheus sample value is infinite (" + text + "); it has no Quantity representation");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Prometheus sample value is not a number: \"" + text + "\"", e);
    }
    if (value.abs().compareTo(MAX_FLOAT64) > 0) {
      throw new IllegalArgumentException(
          "Prometheus sample value is outside the float64 range: \"" + text + "\"");
    }
    return Optional.of(value);
  }

  /**
   * Tells whether {@code text} is the Prometheus spelling of NaN.
   *
   * @param text a Prometheus sample value string, may be {@code null}
   * @return {@code true} exactly if {@code text} equals {@code "NaN"} (case-sensitive); {@code
   *     false} for {@code null}
   */
  public static boolean isNaN(String text) {
    return NAN.equals(text);
  }

  /**
   * Tells whether {@code text} is a Prometheus spelling of an infinity.
   *
   * @param text a Prometheus sample value string, may be {@code null}
   * @return {@code true} exactly if {@code text} equals {@code "+Inf"}, {@code "-Inf"} or {@code
   *     "Inf"} (case-sensitive); {@code false} for {@code null}
   */
  public static boolean isInfinite(String text) {
    return POSITIVE_INFINITY.equals(text)
        || NEGATIVE_INFINITY.equals(text)
        || INFINITY.equals(text);
  }
}
