package dev.metricsadapter.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesStreamParserTest {

  private final List<Map<String, String>> delivered = new ArrayList<>();
  private final SeriesStreamParser parser = new SeriesStreamParser(delivered::add);

  @ParameterizedTest(name = "chunks of {0} bytes")
  @ValueSource(ints = {1, 2, 3, 7, 64, 100_000})
  void parsesWhateverTheChunking(int chunkSize) throws IOException {
    String body =
        "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"job\":\"a\\\"b\",\"pod\":\"\u00e9\u4e2d\"},"
            + "{\"__name__\":\"x\"},{}],\"warnings\":[\"w\"]}";

    feed(body, chunkSize);
    parser.finish();

    assertEquals(
        List.of(
            Map.of("__name__", "up", "job", "a\"b", "pod", "\u00e9\u4e2d"),
            Map.of("__name__", "x"),
            Map.of()),
        delivered);
    assertTrue(parser.envelope().isSuccess());
    assertEquals(3, parser.delivered());
  }

  @Test
  void deliversEachSeriesAsSoonAsItIsComplete() throws IOException {
    parser.accept(bytes("{\"status\":\"success\",\"data\":[{\"a\":\"1\"},{\"b\""));
    assertEquals(List.of(Map.of("a", "1")), delivered);

    parser.accept(bytes(":\"2\"}]}"));
    parser.finish();
    assertEquals(List.of(Map.of("a", "1"), Map.of("b", "2")), delivered);
  }

  @Test
  void acceptsFieldsInAnyOrderAndSkipsUnknownOnes() throws IOException {
    feed(
        "{\"infos\":{\"x\":[1,{\"y\":[]}]},\"data\":[{\"a\":\"1\"}],\"warnings\":[[]],\"status\":\"success\"}",
        5);
    parser.finish();

    assertEquals(List.of(Map.of("a", "1")), delivered);
    assertTrue(parser.envelope().isSuccess());
  }

  @Test
  void readsErrorObjects() throws IOException {
    feed("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}", 4);
    parser.finish();

    ResponseEnvelope envelope = parser.envelope();
    assertTrue(envelope.isError());
    assertEquals("bad_data", envelope.errorType());
    assertEquals("parse error", envelope.error());
    assertFalse(envelope.hasData());
  }

  @Test
  void deliversNothingOnceTheAnswerSaidError() throws IOException {
    feed("{\"status\":\"error\",\"data\":[{\"a\":\"1\"}],\"errorType\":\"x\",\"error\":\"y\"}", 3);
    parser.finish();

    assertEquals(List.of(), delivered);
  }

  @Test
  void nullDataIsNoSeries() throws IOException {
    feed("{\"status\":\"success\",\"data\":null}", 100);
    parser.finish();

    assertTrue(parser.envelope().isSuccess());
    assertEquals(List.of(), delivered);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        "   ",
        "[]",
        "<html>bad gateway</html>",
        "{\"status\":\"success\",\"data\":[{\"a\":\"1\"}",
        "{\"status\":\"success\",\"data\":[{\"a\":1}]}",
        "{\"status\":\"success\",\"data\":{\"a\":\"1\"}}",
        "{\"status\":\"success\",\"data\":[[\"a\"]]}",
        "{\"status\":1,\"data\":[]}",
        "{\"status\":\"success\",\"data\":[]} {}",
        "{\"status\":\"success\",\"data\":[]} x",
      })
  void rejectsMalformedAnswers(String body) {
    assertThrows(
        IOException.class,
        () -> {
          feed(body, 3);
          parser.finish();
        });
  }

  private void feed(String body, int chunkSize) throws IOException {
    byte[] all = bytes(body);
    for (int from = 0; from < all.length; from += chunkSize) {
      parser.accept(Arrays.copyOfRange(all, from, Math.min(all.length, from + chunkSize)));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
