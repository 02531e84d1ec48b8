package dev.metricsadapter.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.metricsadapter.failure.AdapterException.Kind;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ResponseClassifierTest {

  private static final ResponseEnvelope SUCCESS = new ResponseEnvelope("success", null, null, true);

  static Stream<Arguments> snippets() {
    return Stream.of(
        Arguments.of(
            "html",
            "<html><head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>",
            "502 Bad Gateway nginx"),
        Arguments.of("control characters", "a\u0000b\tc\r\nd", "a b c d"),
        Arguments.of(
            "bearer token",
            "denied for Bearer abc.def.ghi please",
            "denied for Bearer <redacted> please"),
        Arguments.of("cut tag", "text <a href=", "text"),
        Arguments.of("empty", "", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snippets")
  void snippetIsShortAndSafe(String name, String body, String expected) {
    assertEquals(expected, ResponseClassifier.snippet(body));
  }

  @org.junit.jupiter.api.Test
  void snippetIsCut() {
    String snippet = ResponseClassifier.snippet("x".repeat(1000));

    assertEquals("x".repeat(ResponseClassifier.MAX_SNIPPET) + "...", snippet);
  }

  @ParameterizedTest(name = "HTTP {0} status={1} problem={4} -> {5}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "200 | success | - | true | - | -",
        "400 | error | bad_data | false | - | INTERNAL",
        "503 | error | unavailable | false | - | UNAVAILABLE",
        "503 | error | timeout | false | - | TIMEOUT",
        "200 | error | execution | false | - | INTERNAL",
        "502 | - | - | false | not JSON | UNAVAILABLE",
        "504 | - | - | false | not JSON | TIMEOUT",
        "404 | success | - | true | - | INTERNAL",
        "200 | - | - | false | not JSON | INTERNAL",
        "200 | success | - | false | - | INTERNAL",
        "200 | - | - | true | - | INTERNAL",
        "200 | weird | - | true | - | INTERNAL",
      })
  void classifies(
      int status, String apiStatus, String errorType, boolean hasData, String problem, Kind kind) {
    PrometheusException failure =
        ResponseClassifier.failure(
            "/api/v1/query",
            status,
            new ResponseEnvelope(apiStatus, errorType, "msg", hasData),
            problem,
            "body");

    if (kind == null) {
      assertNull(failure);
    } else {
      assertEquals(kind, failure.kind());
    }
  }

  @org.junit.jupiter.api.Test
  void successEnvelopeIsFine() {
    assertNull(ResponseClassifier.failure("/api/v1/series", 200, SUCCESS, null, ""));
  }
}
