package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HpaRuleTest {

  /** The demo's HPA: target AverageValue 10, the controller's default tolerance, 1..10. */
  private static final HpaRule DEMO = new HpaRule(Quantity.parse("10"), 0.1, 1, 10);

  @ParameterizedTest(name = "{0} replicas at {1}/pod -> {2}")
  @CsvSource({
    "3, 15.07, 5",
    "3, 10.5, 3",
    "3, 9.05, 3",
    "3, 11.5, 4",
    "3, 5, 2",
    "3, 0, 1",
    "3, 40, 10",
    "3, 3.4, 2",
    "3, 3.3, 1",
    "1, 25, 3",
    "3, 11, 3",
    "3, 9, 3",
    "3, 8.99, 3",
    "3, 11.01, 4",
  })
  void keepsWithinTheToleranceElseScalesByTheRatioClamped(int current, String average, int wanted) {
    assertEquals(wanted, DEMO.recommend(current, List.of(Quantity.parse(average))).replicas());
  }

  @Test
  void averagesThePodsInMilliUnitsRoundedUpThenTruncated() {
    HpaRule.Recommendation r =
        DEMO.recommend(3, Stream.of("12500m", "9", "400u").map(Quantity::parse).toList());
    // 12500 + 9000 + 1 (400u rounds up to 1m) = 21501 milli; / 3 = 7167 (integer division).
    assertEquals(BigInteger.valueOf(7167), r.averageMilli());
    assertEquals(7.167, r.averagePerPod());
    assertEquals(3, r.replicas(), "ratio 0.7167 -> ceil(2.15) = 3");
  }

  @Test
  void aZeroToleranceScalesOnAnyDifference() {
    HpaRule exact = new HpaRule(Quantity.parse("500m"), 0, 2, 4);
    assertEquals(3, exact.recommend(2, List.of(Quantity.parse("501m"))).replicas());
    assertEquals(2, exact.recommend(2, List.of(Quantity.parse("500m"))).replicas());
    assertEquals(2, exact.recommend(2, List.of(Quantity.parse("1m"))).replicas(), "min 2");
  }

  @Test
  void needsValuesAndRunningReplicas() {
    assertThrows(IllegalArgumentException.class, () -> DEMO.recommend(3, List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> DEMO.recommend(0, List.of(Quantity.parse("1"))));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0      | 0.1  | 1 | 10 | --target must be positive",
        "-1     | 0.1  | 1 | 10 | --target must be positive",
        "10     | -0.1 | 1 | 10 | --tolerance must be 0 or more",
        "10     | NaN  | 1 | 10 | --tolerance must be 0 or more",
        "10     | 0.1  | 0 | 10 | --min-replicas must be at least 1",
        "10     | 0.1  | 5 | 4  | --max-replicas must be at least --min-replicas (5)",
      })
  void rejectsInvalidRules(String target, double tolerance, int min, int max, String message) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new HpaRule(Quantity.parse(target), tolerance, min, max));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}
