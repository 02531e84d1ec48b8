package dev.metricsadapter.prometheus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Parses an {@code /api/v1/series} answer incrementally with Jackson's non-blocking parser: each
 * chunk is parsed as it arrives and every label set is handed to the sink as soon as its closing
 * brace was read, so memory stays bounded by the largest single series, not the answer. Fields may
 * come in any order; unknown fields ({@code warnings}, {@code infos}) are skipped. Label sets are
 * not delivered once the answer said {@code "status":"error"}. After {@link #finish()}, {@link
 * #envelope()} describes the answer. Not thread-safe: feed it from one context.
 */
final class SeriesStreamParser implements BodyConsumer {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private enum State {
    ROOT,
    TOP,
    TOP_VALUE,
    SKIP,
    SERIES_LIST,
    SERIES,
    LABEL_VALUE,
    DONE
  }

  private final Consumer<Map<String, String>> sink;
  private final JsonParser parser;
  private final ByteArrayFeeder feeder;
  private State state = State.ROOT;
  private String field;
  private int skipDepth;
  private Map<String, String> labels;
  private String status;
  private String errorType;
  private String error;
  private boolean hasData;
  private long delivered;

  /** A parser delivering each label set (immutable) to {@code sink}. */
  SeriesStreamParser(Consumer<Map<String, String>> sink) {
    this.sink = sink;
    try {
      this.parser = JSON.createNonBlockingByteArrayParser();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
  }

  @Override
  public void accept(byte[] chunk) throws IOException {
    feeder.feedInput(chunk, 0, chunk.length);
    drain();
  }

  @Override
  public void finish() throws IOException {
    feeder.endOfInput();
    drain();
    if (state == State.ROOT) {
      throw new MalformedAnswerException("the answer is empty");
    }
    if (state != State.DONE) {
      throw new MalformedAnswerException("the answer ended early");
    }
  }

  /** The answer's top-level fields, as far as they were read. */
  ResponseEnvelope envelope() {
    return new ResponseEnvelope(status, errorType, error, hasData);
  }

  /** How many label sets were delivered. */
  long delivered() {
    return delivered;
  }

  private void drain() throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
      handle(token);
    }
  }

  private void handle(JsonToken token) throws IOException {
    switch (state) {
      case ROOT -> {
        expect(token == JsonToken.START_OBJECT, "the answer is not a JSON object");
        state = State.TOP;
      }
      case TOP -> {
        if (token == JsonToken.END_OBJECT) {
          state = State.DONE;
        } else {
          field = parser.currentName();
          state = State.TOP_VALUE;
        }
      }
      case TOP_VALUE -> topValue(token);
      case SKIP -> {
        if (token.isStructStart()) {
          skipDepth++;
        } else if (token.isStructEnd() && --skipDepth == 0) {
          state = State.TOP;
        }
      }
      case SERIES_LIST -> {
        if (token == JsonToken.END_ARRAY) {
          state = State.TOP;
        } else {
          expect(token == JsonToken.START_OBJECT, "a series is not a JSON object");
          labels = new HashMap<>();
          state = State.SERIES;
        }
      }
      case SERIES -> {
        if (token == JsonToken.END_OBJECT) {
          deliver();
          state = State.SERIES_LIST;
        } else {
          field = parser.currentName();
          state = State.LABEL_VALUE;
        }
      }
      case LABEL_VALUE -> {
        expect(token == JsonToken.VALUE_STRING, "the value of label " + field + " is not a string");
        labels.put(field, parser.getText());
        state = State.SERIES;
      }
      case DONE -> throw new MalformedAnswerException("content follows the answer");
    }
  }

  private void topValue(JsonToken token) throws IOException {
    state = State.TOP;
    switch (field) {
      case "status" -> status = stringOrNull(token);
      case "errorType" -> errorType = stringOrNull(token);
      case "error" -> error = stringOrNull(token);
      case "data" -> {
        hasData = true;
        if (token == JsonToken.START_ARRAY) {
          state = State.SERIES_LIST;
        } else {
          expect(token == JsonToken.VALUE_NULL, "data is not a list of series");
        }
      }
      default -> {
        if (token.isStructStart()) {
          skipDepth = 1;
          state = State.SKIP;
        }
      }
    }
  }

  private String stringOrNull(JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(token == JsonToken.VALUE_STRING, field + " is not a string");
    return parser.getText();
  }

  private void deliver() {
    Map<String, String> series = Map.copyOf(labels);
    labels = null;
    if (!"error".equals(status)) {
      delivered++;
      sink.accept(series);
    }
  }

  private static void expect(boolean condition, String problem) throws MalformedAnswerException {
    if (!condition) {
      throw new MalformedAnswerException(problem);
    }
  }
}
