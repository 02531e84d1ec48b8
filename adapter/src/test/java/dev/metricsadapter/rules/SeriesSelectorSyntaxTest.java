package dev.metricsadapter.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesSelectorSyntaxTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "http_requests_total",
        "job:http_requests:rate5m",
        "http_requests_total{}",
        "http_requests_total{namespace!=\"\",pod!=\"\"}",
        "{__name__=~\"^http_requests_total$\",namespace!=\"\",pod!=\"\"}",
        "{__name__=~\"^container_.*\",container!=\"POD\",namespace!=\"\",pod!=\"\"}",
        " { namespace != '' , __name__ !~ `^container_.*` , } ",
        "up{job=\"a\\\"b\",instance=~\"x\\\\.y\"}",
        "{\"http.requests\", namespace!=\"\"}",
        "{\"label.with.dots\"=\"x\"}",
        "{a=\"\\u00e9\\x41\\101\"}",
      })
  void acceptsSelectorsPrometheusAccepts(String selector) {
    assertDoesNotThrow(() -> SeriesSelectorSyntax.check(selector));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '^',
      value = {
        "http_requests_total{namespace!=\"\" | missing '}' at column 34",
        "http_requests_total{namespace!=\"\"} extra | unexpected 'e' after the selector",
        "{namespace!=\"\",} x | unexpected 'x' after the selector",
        "{} | needs a metric name or a label matcher that does not match the empty string",
        "{namespace=~\".*\"} | needs a metric name or a label matcher that does not match",
        "{namespace!~\"x\"} | needs a metric name or a label matcher that does not match",
        "{namespace=\"\"} | needs a metric name or a label matcher that does not match",
        "{namespace!=\"\" pod!=\"\"} | expected ',' or '}', found 'p' at column 16",
        "{namespace} | expected one of = != =~ !~, found '}'",
        "{namespace==\"x\"} | expected a quoted value after namespace=",
        "{namespace=x} | expected a quoted value after namespace=",
        "{namespace=\"x} | unterminated string at column 12",
        "{pod=~\"(\"} | invalid regular expression \"(\" for pod",
        "{a=\"\\q\"} | unknown escape sequence \\q",
        "{1a=\"x\"} | expected a label name, found '1'",
        "'' | expected a metric name or '{' at column 1",
        "rate(x[5m]) | unexpected '(' after the selector",
        "x offset 5m | unexpected 'o' after the selector",
      })
  void rejectsWhatPrometheusRefusesNamingTheProblem(String selector, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SeriesSelectorSyntax.check(selector));
    assertEquals(true, e.getMessage().startsWith("not a valid series selector: "), e.getMessage());
    assertEquals(true, e.getMessage().contains(expected), e.getMessage());
  }
}
