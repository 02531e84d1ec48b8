package dev.metricsadapter.prometheus;

import static dev.metricsadapter.testing.Futures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class BearerTokenSourceTest {

  private static final Duration NEVER = Duration.ofHours(1);

  @Test
  void readsTheFileAtOnceAndStripsWhitespace(Vertx vertx, @TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("token"), "  abc\n");

    try (BearerTokenSource source = new BearerTokenSource(vertx, file, NEVER)) {
      assertEquals("abc", source.current());
    }
  }

  @Test
  void swapsTheTokenWhenTheFileChanges(Vertx vertx, @TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("token"), "one");

    try (BearerTokenSource source = new BearerTokenSource(vertx, file, NEVER)) {
      Files.writeString(file, "two\n");
      await(source.refresh());
      assertEquals("two", source.current());
    }
  }

  @Test
  void keepsTheTokenWhenTheFileIsEmptyOrGone(Vertx vertx, @TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("token"), "one");

    try (BearerTokenSource source = new BearerTokenSource(vertx, file, NEVER)) {
      Files.writeString(file, " \n");
      await(source.refresh());
      assertEquals("one", source.current());

      Files.delete(file);
      await(source.refresh());
      assertEquals("one", source.current());
    }
  }

  @Test
  void failsFastOnAMissingOrEmptyFile(Vertx vertx, @TempDir Path dir) throws IOException {
    assertThrows(
        UncheckedIOException.class,
        () -> new BearerTokenSource(vertx, dir.resolve("missing"), NEVER));
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThrows(IllegalArgumentException.class, () -> new BearerTokenSource(vertx, empty, NEVER));
  }
}
