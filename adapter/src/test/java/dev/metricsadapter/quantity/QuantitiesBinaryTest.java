package dev.metricsadapter.quantity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesBinaryTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, 0",
    "512, 512",
    "1024, 1Ki",
    "1536, 1536",
    "1572864, 1536Ki",
    "1048576, 1Mi",
    "3100, 3100",
    "3100.5, 3100500m",
    "2147483648, 2Gi",
    "1073741824.0, 1Gi",
    "1152921504606846976, 1Ei",
    "1180591620717411303424, 1024Ei"
  })
  void printsMemoryAsMetricsServerDoes(String value, String expected) {
    assertEquals(expected, Quantities.canonicalBinary(new BigDecimal(value)));
  }
}
