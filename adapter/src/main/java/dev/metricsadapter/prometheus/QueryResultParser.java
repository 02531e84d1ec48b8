package dev.metricsadapter.prometheus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an {@code /api/v1/query} answer (already in memory) with Jackson's streaming parser.
 * {@code vector} and {@code scalar} results keep their samples; {@code matrix} and {@code string}
 * keep only their type. Fields may come in any order; unknown fields are skipped; vector elements
 * without a float {@code value} (native histograms) are left out. Stateless and thread-safe.
 */
final class QueryResultParser {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * A parsed answer.
   *
   * @param envelope the top-level fields
   * @param result the result, or null when the answer had no (usable) {@code data}
   */
  record Answer(ResponseEnvelope envelope, QueryResult result) {}

  /** What a {@code result} field held, before {@code resultType} says how to read it. */
  private record RawResult(List<QueryResult.Sample> series, QueryResult.Sample pair) {}

  private QueryResultParser() {}

  /**
   * Parses {@code body}.
   *
   * @throws IOException when it is not JSON, or not shaped like an answer of {@code /api/v1/query}
   */
  static Answer parse(byte[] body) throws IOException {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedAnswerException("the answer is not a JSON object");
      }
      String status = null;
      String errorType = null;
      String error = null;
      boolean hasData = false;
      QueryResult result = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (field) {
          case "status" -> status = stringOrNull(parser, token);
          case "errorType" -> errorType = stringOrNull(parser, token);
          case "error" -> error = stringOrNull(parser, token);
          case "data" -> {
            hasData = token != JsonToken.VALUE_NULL;
            result = hasData ? data(parser, token) : null;
          }
          default -> parser.skipChildren();
        }
      }
      expectObjectEnd(parser);
      if (parser.nextToken() != null) {
        throw new MalformedAnswerException("content follows the answer");
      }
      return new Answer(new ResponseEnvelope(status, errorType, error, hasData), result);
    }
  }

  private static QueryResult data(JsonParser parser, JsonToken token) throws IOException {
    expect(token == JsonToken.START_OBJECT, "data is not a JSON object");
    String resultType = null;
    RawResult raw = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "resultType" -> resultType = stringOrNull(parser, value);
        case "result" -> raw = result(parser, value);
        default -> parser.skipChildren();
      }
    }
    expectObjectEnd(parser);
    expect(resultType != null, "data has no resultType");
    expect(raw != null, "data has no result");
    return switch (resultType) {
      case "vector" -> {
        expect(raw.pair() == null, "a vector result is not a list of samples");
        yield new QueryResult(QueryResult.Type.VECTOR, raw.series());
      }
      case "scalar" -> {
        expect(raw.pair() != null, "a scalar result is not a [time, value] pair");
        yield new QueryResult(QueryResult.Type.SCALAR, List.of(raw.pair()));
      }
      case "matrix" -> new QueryResult(QueryResult.Type.MATRIX, List.of());
      case "string" -> new QueryResult(QueryResult.Type.STRING, List.of());
      default -> throw new MalformedAnswerException("unknown resultType " + resultType);
    };
  }

  private static RawResult result(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return new RawResult(List.of(), null);
    }
    expect(token == JsonToken.START_ARRAY, "result is not a JSON array");
    JsonToken first = parser.nextToken();
    if (first == JsonToken.END_ARRAY) {
      return new RawResult(List.of(), null);
    }
    if (first != JsonToken.START_OBJECT) {
      return new RawResult(List.of(), pairRest(parser, first));
    }
    List<QueryResult.Sample> samples = new ArrayList<>();
    JsonToken element = first;
    while (element == JsonToken.START_OBJECT) {
      QueryResult.Sample sample = series(parser);
      if (sample != null) {
        samples.add(sample);
      }
      element = parser.nextToken();
    }
    expect(element == JsonToken.END_ARRAY, "a result element is not a JSON object");
    return new RawResult(samples, null);
  }

  /** Reads one element of a vector or matrix; null when it has no float value. */
  private static QueryResult.Sample series(JsonParser parser) throws IOException {
    Map<String, String> labels = Map.of();
    QueryResult.Sample sample = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "metric" -> labels = labels(parser, value);
        case "value" -> {
          expect(value == JsonToken.START_ARRAY, "a sample value is not a [time, value] pair");
          sample = pairRest(parser, parser.nextToken());
        }
        default -> parser.skipChildren();
      }
    }
    expectObjectEnd(parser);
    return sample == null
        ? null
        : new QueryResult.Sample(labels, sample.timestamp(), sample.value());
  }

  private static Map<String, String> labels(JsonParser parser, JsonToken token) throws IOException {
    expect(token == JsonToken.START_OBJECT, "metric is not a JSON object");
    Map<String, String> labels = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      expect(parser.nextToken() == JsonToken.VALUE_STRING, "label " + name + " is not a string");
      labels.put(name, parser.getText());
    }
    expectObjectEnd(parser);
    return labels;
  }

  /** Reads {@code <time>, "<value>"]} once {@code [} was consumed and {@code first} read. */
  private static QueryResult.Sample pairRest(JsonParser parser, JsonToken first)
      throws IOException {
    expect(first != null && first.isNumeric(), "a sample time is not a number");
    Instant time;
    try {
      time = PrometheusTime.parse(parser.getDecimalValue());
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new MalformedAnswerException("a sample time is out of range");
    }
    JsonToken value = parser.nextToken();
    expect(
        value == JsonToken.VALUE_STRING || (value != null && value.isNumeric()),
        "a sample value is not a string");
    String text = parser.getText();
    expect(parser.nextToken() == JsonToken.END_ARRAY, "a sample is not a [time, value] pair");
    return new QueryResult.Sample(Map.of(), time, text);
  }

  private static String stringOrNull(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(token == JsonToken.VALUE_STRING, parser.currentName() + " is not a string");
    return parser.getText();
  }

  private static void expectObjectEnd(JsonParser parser) throws MalformedAnswerException {
    expect(parser.currentToken() == JsonToken.END_OBJECT, "an object ended early");
  }

  private static void expect(boolean condition, String problem) throws MalformedAnswerException {
    if (!condition) {
      throw new MalformedAnswerException(problem);
    }
  }
}
