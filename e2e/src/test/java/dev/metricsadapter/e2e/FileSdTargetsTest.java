package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSdTargetsTest {
  private static final ScrapeTarget FULL =
      new ScrapeTarget("demo", "web-1", "u-1", 8081, Optional.of("web"), Optional.of("demo-app"));

  @Test
  void rendersOneTargetGroupWithTheLabels() {
    assertEquals(
        "[{\"targets\":[\"127.0.0.1:8081\"],\"labels\":{\"namespace\":\"demo\",\"pod\":\"web-1\","
            + "\"service\":\"web\",\"app\":\"demo-app\"}}]",
        FileSdTargets.render(FULL));
  }

  @Test
  void leavesOutServiceAndAppWhenThePodHasNone() {
    ScrapeTarget bare =
        new ScrapeTarget("demo", "web-1", "u-1", 8081, Optional.empty(), Optional.empty());
    assertEquals(
        "[{\"targets\":[\"127.0.0.1:8081\"],\"labels\":{\"namespace\":\"demo\",\"pod\":\"web-1\"}}]",
        FileSdTargets.render(bare));
  }

  @Test
  void writesAndRemovesOneFilePerPod(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("file-sd");
    FileSdTargets targets = new FileSdTargets(dir);

    Path file = targets.write(FULL);
    targets.write(FULL);

    assertEquals(dir.resolve("demo_web-1_u-1.json"), file);
    assertEquals(FileSdTargets.render(FULL) + "\n", Files.readString(file));
    assertEquals(List.of(file), list(dir), "no temp file is left");
    assertTrue(targets.remove("demo", "web-1", "u-1"));
    assertFalse(targets.remove("demo", "web-1", "u-1"));
    assertEquals(List.of(), list(dir));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
