package dev.metricsadapter.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoStringsTest {

  static Stream<Arguments> quotes() {
    return Stream.of(
        Arguments.of("plain", "web-1", "\"web-1\""),
        Arguments.of("empty", "", "\"\""),
        Arguments.of("double_quote", "a\"b", "\"a\\\"b\""),
        Arguments.of("backslash", "a\\b", "\"a\\\\b\""),
        Arguments.of("controls", "\n\r\t\u0007\b\f\u000b", "\"\\n\\r\\t\\a\\b\\f\\v\""),
        Arguments.of("other_control_as_hex", "\u0001\u007f", "\"\\x01\\x7f\""),
        Arguments.of("printable_unicode_kept", "café ü 日本", "\"café ü 日本\""),
        Arguments.of("non_printable_unicode", "\u200b\u2028", "\"\\u200b\\u2028\""),
        Arguments.of("supplementary_printable", "😀", "\"😀\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quotes")
  void quotesLikeGo(String name, String value, String expected) {
    assertEquals(expected, GoStrings.quote(value));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quotes")
  void unquoteReadsBackWhatQuoteWrites(String name, String value, String quoted) {
    if (!name.equals("controls") && !name.equals("other_control_as_hex")) {
      assertEquals(value, GoStrings.unquote(quoted));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\"unterminated", "\"bad \\q escape\"", "\"short \\x4\"", "plain"})
  void rejectsMalformedLiterals(String literal) {
    assertThrows(TemplateException.class, () -> GoStrings.unquote(literal));
  }
}
