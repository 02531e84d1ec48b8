package dev.metricsadapter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory whose files are replaced all at once, laid out as the kubelet lays out a ConfigMap
 * volume, so that a reader of the directory (the adapter's rule reloader) sees what it would see in
 * a pod:
 *
 * <pre>
 * DIR/..2026_01_02_03_04_05.123456789/KEY   the files of one version (mode 0644)
 * DIR/..data -&gt; ..2026_01_02_03_04_05.123456789
 * DIR/KEY -&gt; ..data/KEY                      one symlink per key
 * </pre>
 *
 * <p>{@link #write} puts a new version into a fresh timestamped directory, adds the symlinks of new
 * keys, then points {@code ..data} at the new version by renaming a temporary symlink over it (one
 * {@code rename(2)}, so a reader resolving {@code KEY} sees the old or the new version, never a
 * mix), then removes the symlinks of keys that are gone and the old versions. Entries of {@code
 * DIR} whose names start with {@code ..} belong to this layout; anything else that is not one of
 * its symlinks is left alone (and a key clashing with such a file is refused).
 *
 * <p>Thread-safety: {@link #write} is synchronized; one instance per directory, and no other writer
 * of it. Failures are thrown as {@link UncheckedIOException} and leave the previous version
 * visible.
 */
final class AtomicDirectory {
  static final String DATA = "..data";
  private static final String DATA_TMP = "..data_tmp";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss").withZone(ZoneOffset.UTC);
  // What the API server allows as a ConfigMap key; ".." and names starting with it would clash
  // with the layout's own entries.
  private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwxr-xr-x");

  private final Path dir;
  private final Clock clock;

  AtomicDirectory(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  AtomicDirectory(Path dir) {
    this(dir, Clock.systemUTC());
  }

  /** The directory. */
  Path dir() {
    return dir;
  }

  /**
   * Whether {@code key} can be a file of this layout: a ConfigMap key that does not start with
   * {@code ..}.
   */
  static boolean validKey(String key) {
    return KEY.matcher(key).matches() && !key.startsWith("..") && !key.equals(".");
  }

  /**
   * Makes {@code files} (key to content) the directory's content. Returns the name of the new
   * version's directory, or empty if the directory already held exactly this content (then nothing
   * is written).
   *
   * @throws IllegalArgumentException if a key is not {@link #validKey valid}
   * @throws UncheckedIOException if a file cannot be written, or a key clashes with a file that is
   *     not this layout's symlink
   */
  synchronized Optional<String> write(Map<String, byte[]> files) {
    for (String key : files.keySet()) {
      if (!validKey(key)) {
        throw new IllegalArgumentException(
            "not a valid file name for a ConfigMap key: '" + key + "'");
      }
    }
    try {
      Files.createDirectories(dir);
      if (sameContent(files, current()) && linksExist(files)) {
        return Optional.empty();
      }
      Path version = newVersionDirectory();
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path path = version.resolve(file.getKey());
        Files.write(path, file.getValue());
        Files.setPosixFilePermissions(path, FILE_MODE);
      }
      // New keys' symlinks point into ..data before the swap; until it they name the old version,
      // where they do not exist yet, which a reader sees as "no such file", as in a pod.
      for (String key : files.keySet()) {
        link(key);
      }
      swapData(version.getFileName());
      removeStaleLinks(files.keySet());
      removeOldVersions(version.getFileName());
      return Optional.of(version.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the files into " + dir + ": " + e, e);
    }
  }

  /** The content of the version {@code ..data} points at (empty if none), by key. */
  synchronized Map<String, byte[]> current() throws IOException {
    Path data = dir.resolve(DATA);
    Map<String, byte[]> content = new HashMap<>();
    if (!Files.isSymbolicLink(data) || !Files.isDirectory(data)) {
      return content;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(data)) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          content.put(entry.getFileName().toString(), Files.readAllBytes(entry));
        }
      }
    }
    return content;
  }

  private static boolean sameContent(Map<String, byte[]> files, Map<String, byte[]> current) {
    if (!files.keySet().equals(current.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      if (!Arrays.equals(file.getValue(), current.get(file.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private boolean linksExist(Map<String, byte[]> files) throws IOException {
    for (String key : files.keySet()) {
      Path link = dir.resolve(key);
      if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(linkTarget(key))) {
        return false;
      }
    }
    return true;
  }

  private static Path linkTarget(String key) {
    return Path.of(DATA, key);
  }

  /** A new, empty {@code ..yyyy_MM_dd_HH_mm_ss.N} directory (N random, as the kubelet's). */
  private Path newVersionDirectory() throws IOException {
    String stamp = STAMP.format(clock.instant());
    while (true) {
      Path version = dir.resolve(stamp + "." + ThreadLocalRandom.current().nextInt(1_000_000_000));
      try {
        Files.createDirectory(version);
        Files.setPosixFilePermissions(version, DIR_MODE);
        return version;
      } catch (FileAlreadyExistsException e) {
        // Same second and the same random number: draw again.
      }
    }
  }

  /** Creates {@code KEY -> ..data/KEY} unless it exists. */
  private void link(String key) throws IOException {
    Path link = dir.resolve(key);
    if (Files.isSymbolicLink(link)) {
      if (Files.readSymbolicLink(link).equals(linkTarget(key))) {
        return;
      }
    } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(link + " exists and is not a symlink into " + DATA);
    }
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, linkTarget(key));
  }

  /** Points {@code ..data} at {@code version} with one rename. */
  private void swapData(Path version) throws IOException {
    Path tmp = dir.resolve(DATA_TMP);
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, version);
    Files.move(tmp, dir.resolve(DATA), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Removes the symlinks into {@code ..data} of keys not in {@code keys}. */
  private void removeStaleLinks(Set<String> keys) throws IOException {
    for (Path entry : entries()) {
      String name = entry.getFileName().toString();
      if (!name.startsWith("..")
          && !keys.contains(name)
          && Files.isSymbolicLink(entry)
          && Files.readSymbolicLink(entry).equals(linkTarget(name))) {
        Files.delete(entry);
      }
    }
  }

  /** Removes every version directory but {@code keep} (older ones and any left by a crash). */
  private void removeOldVersions(Path keep) throws IOException {
    for (Path entry : entries()) {
      String name = entry.getFileName().toString();
      if (name.startsWith("..")
          && !name.equals(keep.toString())
          && !name.equals(DATA)
          && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(entry);
      }
    }
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
