package dev.metricsadapter.quantity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table tests for {@link Quantities}; canonical strings follow wire-format.md section 5.1. */
class QuantitiesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      value = {
        // wire-format.md table 5.1 and the brief
        "zero # 0 # 0",
        "half # 0.5 # 500m",
        "one_milli # 0.001 # 1m",
        "eighty_milli # 0.08 # 80m",
        "one # 1 # 1",
        "one_point_oh_eight # 1.08 # 1080m",
        "one_point_five # 1.5 # 1500m",
        "plain_integer # 1234 # 1234",
        "one_thousand # 1000 # 1k",
        "thousands_collapse # 1234000 # 1234k",
        "non_multiple_of_thousand_stays_unsuffixed # 1500 # 1500",
        "four_fraction_digits_to_micro # 1234.5678 # 1234567800u",
        "three_fraction_digits_to_milli # 1234.567 # 1234567m",
        "mega # 300000000 # 300M",
        "giga # 1e9 # 1G",
        "mantissa_with_mega # 1.234567e12 # 1234567M",
        "tera # 1e12 # 1T",
        "exa # 1e18 # 1E",
        "one_micro # 0.000001 # 1u",
        "one_nano # 0.000000001 # 1n",
        "below_nano_rounds_up # 0.0000000001 # 1n",
        "sub_nano_digits_round_to_nearest # 0.00000012345 # 123n",
        "sub_nano_half_rounds_away # 0.0000001235 # 124n",
        "float_noise_is_dropped # 0.25000000000000006 # 250m",
        "four_hundred_micro # 0.0004 # 400u",
        "six_fraction_digits # 0.123456 # 123456u",
        "repeating_fraction # 33.333333 # 33333333u",
        "two_point_five_mega # 2500000 # 2500k",
        "large_with_fraction # 999999999999999999.1 # 999999999999999999100m",
        "negative # -2.5 # -2500m",
        "twelve_point_five # 12.5 # 12500m",
        "twenty_point_five # 20.5 # 20500m",
        "sixteen_milli # 0.016 # 16m",
        // sign handling and rounding away from zero
        "negative_below_nano_rounds_away_from_zero # -0.0000000001 # -1n",
        "negative_sub_nano_digits # -0.00000012345 # -123n",
        "negative_thousand # -1000 # -1k",
        "negative_integer # -3 # -3",
        "round_up_carries_into_integer # 0.9999999999 # 1",
        "sub_nano_noise_above_a_whole # 1.0000000001 # 1",
        "exact_nano_not_rounded # 1.000000001 # 1000000001n",
        "tiny_positive # 1e-30 # 1n",
        "absurdly_tiny_positive # 1e-999999999 # 1n",
        "absurdly_tiny_negative # -1e-999999999 # -1n",
        // zero in other representations
        "zero_with_scale # 0.000 # 0",
        "zero_with_negative_scale # 0E+5 # 0",
        "negative_zero # -0.0 # 0",
        "zero_tiny_exponent # 0E-30 # 0",
        // trailing zeros in the input do not matter
        "trailing_fraction_zeros # 1.50000 # 1500m",
        "trailing_zeros_beyond_nano # 2.000000000000 # 2",
        // exponent lowered by one or two digits
        "ten # 10 # 10",
        "hundred # 100 # 100",
        "ten_thousand # 10000 # 10k",
        "hundred_milli # 0.1 # 100m",
        "ten_micro # 0.00001 # 10u",
        "peta # 1e15 # 1P",
        // beyond E: suffix stays E, mantissa grows
        "ten_exa # 1e19 # 10E",
        "twelve_exa # 1.2e19 # 12E",
        "above_exa_1e21 # 1e21 # 1000E",
        "above_exa_1_5e21 # 1.5e21 # 1500E",
        "above_exa_negative # -1e21 # -1000E",
        "above_exa_not_multiple # 1234567e20 # 123456700E",
      })
  void canonical(String name, String input, String expected) {
    assertEquals(expected, Quantities.canonical(new BigDecimal(input)));
  }

  @Test
  void canonicalOfFloat64MaxExponentKeepsEverySignificantDigit() {
    assertEquals("1" + "0".repeat(290) + "E", Quantities.canonical(new BigDecimal("1e308")));
  }

  @Test
  void canonicalRejectsNull() {
    assertThrows(NullPointerException.class, () -> Quantities.canonical(null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "decimal # 1.5 # 1.5",
        "go_exponent_with_plus # 1e+21 # 1E+21",
        "negative_integer # -3 # -3",
        "micro # 0.000001 # 0.000001",
        "zero # 0 # 0",
        "explicit_plus # +3 # 3",
        "negative_exponent # 1e-7 # 1E-7",
        "upper_case_exponent # 2.5E+3 # 2.5E+3",
        "more_digits_than_double # 123456789012345678901234567890.123456789 #"
            + " 123456789012345678901234567890.123456789",
        "float64_max # 1.7976931348623157e+308 # 1.7976931348623157E+308",
        "smallest_subnormal # 5e-324 # 5E-324",
        "scale_is_kept # 1.50 # 1.50",
      })
  void parsesExactly(String name, String text, String expected) {
    assertEquals(Optional.of(new BigDecimal(expected)), Quantities.parsePrometheusValue(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "go_exponent # 1e+21 # 1000E",
        "micro # 0.000001 # 1u",
        "fraction # 0.123456 # 123456u",
        "negative # -2.5 # -2500m",
        "sub_nano # 1e-10 # 1n",
        "thousand # 1000 # 1k",
      })
  void parseThenCanonical(String name, String text, String expected) {
    assertEquals(
        expected, Quantities.canonical(Quantities.parsePrometheusValue(text).orElseThrow()));
  }

  @Test
  void nanParsesToEmpty() {
    assertEquals(Optional.empty(), Quantities.parsePrometheusValue("NaN"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "positive_infinity # +Inf # infinite",
        "negative_infinity # -Inf # infinite",
        "unsigned_infinity # Inf # infinite",
        "empty # '' # not a number",
        "blank # ' ' # not a number",
        "leading_space # ' 1' # not a number",
        "trailing_space # '1 ' # not a number",
        "word # abc # not a number",
        "lower_case_nan # nan # not a number",
        "upper_case_nan # NAN # not a number",
        "lower_case_inf # +inf # not a number",
        "spelled_out_infinity # Infinity # not a number",
        "plus_nan # +NaN # not a number",
        "decimal_comma # 1,5 # not a number",
        "hex_float # 0x1p3 # not a number",
        "double_sign # --1 # not a number",
        "trailing_garbage # 1.5s # not a number",
        "exponent_without_digits # 1e # not a number",
        "exponent_overflowing_int # 1e99999999999 # not a number",
        "above_float64_range # 1e309 # outside the float64 range",
        "far_above_float64_range # 1e400 # outside the float64 range",
        "negative_above_float64_range # -1.8e308 # outside the float64 range",
      })
  void parseRejects(String name, String text, String messagePart) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Quantities.parsePrometheusValue(text));
    assertTrue(e.getMessage().contains(messagePart), () -> "message was: " + e.getMessage());
    assertTrue(e.getMessage().contains(text), () -> "message was: " + e.getMessage());
  }

  @Test
  void parseRejectsNull() {
    assertThrows(NullPointerException.class, () -> Quantities.parsePrometheusValue(null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "nan # NaN # true # false",
        "positive_infinity # +Inf # false # true",
        "negative_infinity # -Inf # false # true",
        "unsigned_infinity # Inf # false # true",
        "number # 1.5 # false # false",
        "zero # 0 # false # false",
        "empty # '' # false # false",
        "lower_case_nan # nan # false # false",
        "lower_case_inf # +inf # false # false",
        "upper_case_inf # +INF # false # false",
        "spelled_out_infinity # Infinity # false # false",
        "padded_nan # ' NaN' # false # false",
        "padded_inf # '+Inf ' # false # false",
      })
  void specialWords(String name, String text, boolean nan, boolean infinite) {
    assertEquals(nan, Quantities.isNaN(text));
    assertEquals(infinite, Quantities.isInfinite(text));
  }

  @Test
  void specialWordHelpersAcceptNull() {
    assertFalse(Quantities.isNaN(null));
    assertFalse(Quantities.isInfinite(null));
  }
}
