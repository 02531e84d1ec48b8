package dev.metricsadapter.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Prometheus {@code file_sd} target files, one per pod, in one directory. A file is named {@code
 * <namespace>_<pod>_<uid>.json} (names and UIDs contain no {@code _}) and holds {@code
 * [{"targets":["127.0.0.1:PORT"],"labels":{"namespace":..,"pod":..,"service":..,"app":..}}]},
 * without {@code service} or {@code app} when the pod has none. Point Prometheus at it with {@code
 * file_sd_configs: [{files: ["DIR/*.json"]}]}.
 *
 * <p>Files are written to a hidden temp file and renamed, so Prometheus never reads half a file.
 * Thread-safe for different pods; callers serialize writes and removals of the same pod. I/O
 * failures are thrown as {@link UncheckedIOException}.
 */
final class FileSdTargets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  FileSdTargets(Path dir) {
    this.dir = dir;
  }

  /** The file name of a pod's targets. */
  static String fileName(String namespace, String pod, String uid) {
    return namespace + "_" + pod + "_" + uid + ".json";
  }

  /** The file's content for {@code target}. */
  static String render(ScrapeTarget target) {
    ObjectNode group = JSON.createObjectNode();
    group.putArray("targets").add(target.address());
    ObjectNode labels = group.putObject("labels");
    labels.put("namespace", target.namespace());
    labels.put("pod", target.pod());
    target.service().ifPresent(service -> labels.put("service", service));
    target.app().ifPresent(app -> labels.put("app", app));
    ArrayNode groups = JSON.createArrayNode().add(group);
    return groups.toString();
  }

  /** Writes (or replaces) the file of {@code target}, atomically; returns its path. */
  Path write(ScrapeTarget target) {
    Path file = dir.resolve(fileName(target.namespace(), target.pod(), target.uid()));
    Path temp = dir.resolve("." + file.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      Files.writeString(temp, render(target) + "\n", StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the file_sd target file " + file, e);
    }
  }

  /** Removes the pod's file; returns whether there was one. */
  boolean remove(String namespace, String pod, String uid) {
    Path file = dir.resolve(fileName(namespace, pod, uid));
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the file_sd target file " + file, e);
    }
  }
}
