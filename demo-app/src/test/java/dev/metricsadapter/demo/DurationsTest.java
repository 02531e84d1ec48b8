package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({
    "0, 0",
    "0s, 0",
    "250ms, 250",
    "30s, 30000",
    "2m, 120000",
    "1m30s, 90000",
    "1h, 3600000",
    "1.5s, 1500",
    "500us, 0",
    "' 45s ', 45000",
  })
  void parsesGoDurations(String text, long millis) {
    assertEquals(millis, Durations.parse(text).toMillis());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "s", "-1s", "1d", "PT1S", "1s2", "ms"})
  void rejectsOthers(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    assertEquals(
        "'" + text + "' is not a duration (examples: 250ms, 30s, 2m, 1m30s)", e.getMessage());
  }

  @ParameterizedTest(name = "{0} ms -> {1}")
  @CsvSource({"0, 0s", "250, 250ms", "90000, 90s", "1500, 1.5s"})
  void formats(long millis, String text) {
    assertEquals(text, Durations.format(Duration.ofMillis(millis)));
  }
}
