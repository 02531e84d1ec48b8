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

  /** A change the test makes to the token file. */
  private interface FileChange {
    void apply(Path file) throws IOException;
  }

  /** The token after a file holding "one" is changed by {@code change} and read again. */
  private static String afterRefresh(Vertx vertx, Path dir, FileChange change) throws IOException {
    Path file = Files.writeString(dir.resolve("token"), "one");
    try (BearerTokenSource source = new BearerTokenSource(vertx, file, NEVER)) {
      change.apply(file);
      await(source.refresh());
      return source.current();
    }
  }

  @Test
  void swapsTheTokenWhenTheFileChanges(Vertx vertx, @TempDir Path dir) throws IOException {
    assertEquals("two", afterRefresh(vertx, dir, file -> Files.writeString(file, "two\n")));
  }

  @Test
  void keepsTheTokenWhenTheFileIsEmpty(Vertx vertx, @TempDir Path dir) throws IOException {
    assertEquals("one", afterRefresh(vertx, dir, file -> Files.writeString(file, " \n")));
  }

  @Test
  void keepsTheTokenWhenTheFileIsGone(Vertx vertx, @TempDir Path dir) throws IOException {
    assertEquals("one", afterRefresh(vertx, dir, Files::delete));
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
