package dev.metricsadapter.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusDurationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "0, 0",
    "500ms, 500",
    "30s, 30000",
    "5m, 300000",
    "1h30m, 5400000",
    "1d, 86400000",
    "1w, 604800000",
    "1y, 31536000000",
    "1m30s500ms, 90500"
  })
  void parses(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), PrometheusDuration.parse(text));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "5", "1.5m", "-1m", "5 m", "30m1h", "1ns", "1M"})
  void rejects(String text) {
    assertThrows(IllegalArgumentException.class, () -> PrometheusDuration.parse(text));
  }
}
