package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "12500m, 12.5",
    "2, 2",
    "400u, 0.0004",
    "1k, 1000",
    "1500n, 1.5e-6",
    "0, 0",
    "1.5, 1.5",
    "1Ki, 1024",
    "2M, 2e6",
    "1e3, 1000",
    ".5, 0.5",
    "-250m, -0.25",
    "+3, 3",
    "1., 1",
    "2E, 2e18",
    "1E-2, 0.01",
    "3Gi, 3221225472",
    "1Ei, 1152921504606846976",
    "1e100, 1e100",
    "1e-100, 1e-100",
  })
  void parsesDecimalsExponentsAndSuffixes(String text, double value) {
    Quantity quantity = Quantity.parse(text);
    assertEquals(value, quantity.doubleValue());
    assertEquals(text, quantity.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"12x", "abc", "", " 1", "1 ", "1e3k", "1K", "Mi", "1.2.3", "e3", "--1", "0x10"})
  void rejectsOthersNamingThem(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Quantity.parse(text));
    assertTrue(
        e.getMessage().startsWith("'" + text + "' is not a Kubernetes quantity"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} = {1} milli")
  @CsvSource({"12500m, 12500", "400u, 1", "1n, 1", "0, 0", "2, 2000", "-250m, -250", "-1u, 0"})
  void milliValueRoundsUpAsTheHpaReadsIt(String text, long milli) {
    assertEquals(BigInteger.valueOf(milli), Quantity.parse(text).milliValue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e9999999999", "1e-9999999999", "1e999999999", "1e-101", "1e101"})
  void rejectsExponentsOutOfRange(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Quantity.parse(text));
    assertTrue(e.getMessage().startsWith("'" + text + "' is out of range"), e.getMessage());
  }
}
