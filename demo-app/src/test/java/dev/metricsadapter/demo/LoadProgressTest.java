package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadProgressTest {

  @TempDir Path dir;

  @Test
  void formatsTheProgressLine() {
    assertEquals(
        "load t=10s target=30.0 rps sent=150 ok=148 errors=2 dropped=0 in-flight=1",
        new LoadProgress(9.6, 30, 150, 148, 2, 0, 1).line());
  }

  @Test
  void theLatestTargetRateIsThatOfTheLastProgressLine() throws IOException {
    Path log = dir.resolve("load.log");
    Files.writeString(
        log,
        "load start profile=ramp peak=90.0 rps duration=120s targets=[] path=/ planned=5400\n"
            + new LoadProgress(1, 2.25, 1, 1, 0, 0, 0).line()
            + "\n"
            + new LoadProgress(2, 4.5, 4, 4, 0, 0, 0).line()
            + "\n"
            + "load t=3s target=6.");
    assertEquals(OptionalDouble.of(4.5), LoadProgress.latestTargetRps(log));
  }

  @Test
  void noProgressLineOrNoFileYetIsUnknown() throws IOException {
    Path log = dir.resolve("load.log");
    assertEquals(OptionalDouble.empty(), LoadProgress.latestTargetRps(log));
    Files.writeString(log, "load start profile=ramp peak=90.0 rps\n");
    assertEquals(OptionalDouble.empty(), LoadProgress.latestTargetRps(log));
  }

  @Test
  void anUnreadableFileIsAnError() {
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> LoadProgress.latestTargetRps(dir));
    assertEquals("cannot read the load generator's output " + dir, e.getMessage());
  }
}
