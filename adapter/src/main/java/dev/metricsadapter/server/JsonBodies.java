package dev.metricsadapter.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes JSON response bodies with Jackson's streaming generator straight into a {@link Buffer}: no
 * object tree and no data binding, for the bodies served on every HPA poll. Thread-safe.
 */
final class JsonBodies {

  /** Writes one JSON document; only the generator's own exceptions may escape. */
  @FunctionalInterface
  interface Body {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private JsonBodies() {}

  /** The UTF-8 bytes {@code body} writes. */
  static Buffer write(Body body) {
    Buffer buffer = Buffer.buffer(1024);
    try (JsonGenerator json = JSON.createGenerator(new BufferOutput(buffer))) {
      body.writeTo(json);
    } catch (IOException e) {
      // The target is memory: an exception here is a bug in the body, never I/O.
      throw new UncheckedIOException(e);
    }
    return buffer;
  }

  /**
   * The UTF-8 bytes of a Kubernetes list: {@code kind}, {@code apiVersion}, an empty {@code
   * metadata}, and the {@code items} that {@code items} writes into the open array.
   */
  static Buffer list(String kind, String apiVersion, Body items) {
    return write(
        json -> {
          json.writeStartObject();
          json.writeStringField("kind", kind);
          json.writeStringField("apiVersion", apiVersion);
          json.writeObjectFieldStart("metadata");
          json.writeEndObject();
          json.writeArrayFieldStart("items");
          items.writeTo(json);
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  /** An {@link OutputStream} appending to a {@link Buffer}. */
  private static final class BufferOutput extends OutputStream {

    private final Buffer buffer;

    BufferOutput(Buffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public void write(int b) {
      buffer.appendByte((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      buffer.appendBytes(bytes, offset, length);
    }
  }
}
