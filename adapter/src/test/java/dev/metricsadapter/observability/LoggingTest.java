package dev.metricsadapter.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoggingTest {

  @ParameterizedTest(name = "--log-level={0}: libraries at {1}")
  @CsvSource({"error, ERROR", "warn, WARN", "info, WARN", "debug, WARN", "trace, DEBUG"})
  void librariesStayQuietUnlessTheLevelIsTrace(String adapter, String libraries) {
    assertEquals(Level.toLevel(libraries), Logging.librariesLevel(Level.toLevel(adapter)));
  }
}
