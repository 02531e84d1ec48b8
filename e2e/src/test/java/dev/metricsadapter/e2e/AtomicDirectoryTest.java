package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtomicDirectoryTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  /** The projected directory (not created yet) and the writer of it, new for each test. */
  private Path dir;

  private AtomicDirectory directory;

  @BeforeEach
  void newDirectory() {
    dir = tmp.resolve("rules");
    directory = new AtomicDirectory(dir, CLOCK);
  }

  @Test
  void laysOutFilesAsTheKubeletDoes() throws IOException {

    Optional<String> version = directory.write(files("a.yaml", "one", "b.yaml", "two"));

    assertTrue(version.isPresent());
    assertTrue(
        version.get().matches("\\.\\.2026_01_02_03_04_05\\.\\d+"), "version " + version.get());
    assertEquals(Path.of(version.get()), Files.readSymbolicLink(dir.resolve("..data")));
    assertEquals(Path.of("..data", "a.yaml"), Files.readSymbolicLink(dir.resolve("a.yaml")));
    assertEquals(Path.of("..data", "b.yaml"), Files.readSymbolicLink(dir.resolve("b.yaml")));
    assertEquals("one", Files.readString(dir.resolve("a.yaml")));
    assertEquals("two", Files.readString(dir.resolve("b.yaml")));
    assertTrue(Files.isRegularFile(dir.resolve("a.yaml")), "a reader sees a regular file");
    assertEquals(
        "rw-r--r--",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve(version.get()).resolve("a.yaml"))));
    assertEquals(Set.of("..data", version.get(), "a.yaml", "b.yaml"), names(dir));
  }

  @Test
  void anUpdateSwapsTheContentAndRemovesTheOldVersion() throws IOException {
    String first = directory.write(files("a.yaml", "one", "b.yaml", "two")).orElseThrow();

    String second = directory.write(files("a.yaml", "ONE", "b.yaml", "two")).orElseThrow();

    assertFalse(first.equals(second));
    assertEquals(Path.of(second), Files.readSymbolicLink(dir.resolve("..data")));
    assertEquals("ONE", Files.readString(dir.resolve("a.yaml")));
    assertEquals("two", Files.readString(dir.resolve("b.yaml")));
    assertEquals(Set.of("..data", second, "a.yaml", "b.yaml"), names(dir));
  }

  @Test
  void aRemovedKeyDisappearsAndANewOneAppears() throws IOException {
    directory.write(files("a.yaml", "one", "b.yaml", "two"));

    String version = directory.write(files("a.yaml", "one", "c.yaml", "three")).orElseThrow();

    assertFalse(Files.exists(dir.resolve("b.yaml"), LinkOption.NOFOLLOW_LINKS));
    assertEquals("three", Files.readString(dir.resolve("c.yaml")));
    assertEquals(Set.of("..data", version, "a.yaml", "c.yaml"), names(dir));

    String empty = directory.write(Map.of()).orElseThrow();
    assertEquals(Set.of("..data", empty), names(dir));
  }

  @Test
  void theSameContentWritesNothing() throws IOException {
    String version = directory.write(files("a.yaml", "one")).orElseThrow();

    assertEquals(Optional.empty(), directory.write(files("a.yaml", "one")));
    assertEquals(Set.of("..data", version, "a.yaml"), names(dir));
  }

  @Test
  void aMissingKeySymlinkIsRestored() throws IOException {
    directory.write(files("a.yaml", "one"));
    Files.delete(dir.resolve("a.yaml"));

    assertTrue(directory.write(files("a.yaml", "one")).isPresent());
    assertEquals("one", Files.readString(dir.resolve("a.yaml")));
  }

  @Test
  void startsOverADirectoryLeftByAnEarlierRun() throws IOException {
    directory.write(files("a.yaml", "old", "b.yaml", "old"));
    Files.createDirectory(dir.resolve("..2020_01_01_00_00_00.1"));
    Files.writeString(dir.resolve("README"), "not ours");

    String version = new AtomicDirectory(dir, CLOCK).write(files("a.yaml", "new")).orElseThrow();

    assertEquals("new", Files.readString(dir.resolve("a.yaml")));
    assertEquals(Set.of("..data", version, "a.yaml", "README"), names(dir));
  }

  @Test
  void aKeyClashingWithAnotherFileIsRefusedAndTheOldContentStays() throws IOException {
    directory.write(files("a.yaml", "one"));
    Files.writeString(dir.resolve("b.yaml"), "a file of someone else");

    assertThrows(UncheckedIOException.class, () -> directory.write(files("b.yaml", "two")));
    assertEquals("one", Files.readString(dir.resolve("a.yaml")));
    assertEquals("a file of someone else", Files.readString(dir.resolve("b.yaml")));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", ".", "..", "..data", "..x", "a/b", "a b"})
  void refusesKeysThatAreNotFileNamesOfTheLayout(String key) {
    assertFalse(AtomicDirectory.validKey(key));
    assertThrows(IllegalArgumentException.class, () -> directory.write(files(key, "x")));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"a.yaml", ".hidden", "a..b", "A_B-c.1"})
  void acceptsConfigMapKeys(String key) {
    assertTrue(AtomicDirectory.validKey(key));
  }

  private static Map<String, byte[]> files(String... keysAndContents) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < keysAndContents.length; i += 2) {
      files.put(keysAndContents[i], keysAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return files;
  }

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
