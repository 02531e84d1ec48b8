package dev.metricsadapter.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.prometheus.QueryResult.Sample;
import dev.metricsadapter.prometheus.QueryResult.Type;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryResultParserTest {

  @Test
  void vector() throws IOException {
    QueryResult result =
        parse(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"pod\":\"web-1\"},\"value\":[1712345678.901,\"1.5\"]},"
                + "{\"metric\":{},\"value\":[1712345678,\"NaN\"]},"
                + "{\"metric\":{\"pod\":\"h\"},\"histogram\":[1712345678,{\"count\":\"1\"}]},"
                + "{\"value\":[1712345678.5,\"+Inf\"],\"metric\":{\"pod\":\"web-2\"}}"
                + "]},\"warnings\":[\"partial\"]}");

    assertEquals(Type.VECTOR, result.type());
    assertEquals(
        List.of(
            new Sample(
                Map.of("__name__", "up", "pod", "web-1"),
                Instant.parse("2024-04-05T19:34:38.901Z"),
                "1.5"),
            new Sample(Map.of(), Instant.ofEpochSecond(1712345678), "NaN"),
            new Sample(Map.of("pod", "web-2"), Instant.ofEpochMilli(1712345678500L), "+Inf")),
        result.samples());
  }

  @Test
  void emptyVector() throws IOException {
    QueryResult result =
        parse("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");

    assertEquals(new QueryResult(Type.VECTOR, List.of()), result);
  }

  @Test
  void scalar() throws IOException {
    QueryResult result =
        parse(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1712345678.9,\"1e+21\"]}}");

    assertEquals(
        new QueryResult(
            Type.SCALAR,
            List.of(new Sample(Map.of(), Instant.ofEpochMilli(1712345678900L), "1e+21"))),
        result);
  }

  @Test
  void resultBeforeResultType() throws IOException {
    QueryResult result =
        parse(
            "{\"data\":{\"result\":[1.0005,\"2\"],\"resultType\":\"scalar\"},\"status\":\"success\"}");

    assertEquals(Instant.ofEpochMilli(1001), result.samples().get(0).timestamp());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "matrix | {\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"a\":\"b\"},\"values\":[[1,\"1\"],[2,\"2\"]]}]}",
        "string | {\"resultType\":\"string\",\"result\":[1712345678.901,\"hello\"]}",
      })
  void typeOnly(String type, String data) throws IOException {
    QueryResult result = parse("{\"status\":\"success\",\"data\":" + data + "}");

    assertEquals(Type.valueOf(type.toUpperCase(java.util.Locale.ROOT)), result.type());
    assertEquals(List.of(), result.samples());
  }

  @Test
  void errorObject() throws IOException {
    QueryResultParser.Answer answer =
        QueryResultParser.parse(
            bytes(
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error\"}"));

    assertTrue(answer.envelope().isError());
    assertEquals("bad_data", answer.envelope().errorType());
    assertEquals("1:5: parse error", answer.envelope().error());
    assertNull(answer.result());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        "null",
        "<html></html>",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}} {}",
        "{\"status\":\"success\",\"data\":[]}",
        "{\"status\":\"success\",\"data\":{\"result\":[]}}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\"}}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"histogram\",\"result\":[]}}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[1,\"2\"]}}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[]}}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[\"1\",\"2\"]}}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"2\",3]}}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1e300,\"2\"]}}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"a\":1},\"value\":[1,\"1\"]}]}}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":\"1\"}]}}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[[1]]}}",
      })
  void rejectsMalformedAnswers(String body) {
    assertThrows(IOException.class, () -> QueryResultParser.parse(bytes(body)));
  }

  private static QueryResult parse(String body) throws IOException {
    QueryResultParser.Answer answer = QueryResultParser.parse(bytes(body));
    assertTrue(answer.envelope().isSuccess());
    return answer.result();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
