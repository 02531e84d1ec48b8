package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Processes without a server: exit, cancellation and the SIGTERM-then-SIGKILL stop. */
class PodProcessTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  @Test
  void aProcessThatExitsIsNotWaitedForUntilTheDeadline() throws Exception {
    PodProcess process = start("exit 3");
    assertEquals(
        PodProcess.Health.EXITED, process.awaitHealthy(HTTP, Duration.ofMinutes(1), () -> false));
    assertEquals(3, process.onExit().get());
  }

  /** A process that runs but never answers: the wait ends when cancelled, or at the deadline. */
  @ParameterizedTest(name = "{2}: deadline {0}, cancelled {1}")
  @CsvSource({"PT1M, true, CANCELLED", "PT0.3S, false, TIMED_OUT"})
  void waitingForAProcessThatIsNotHealthyEnds(
      Duration deadline, boolean cancelled, PodProcess.Health expected) throws Exception {
    PodProcess process = start("exec sleep 60");
    try {
      assertEquals(expected, process.awaitHealthy(HTTP, deadline, () -> cancelled));
    } finally {
      process.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void stopSendsSigterm() throws Exception {
    PodProcess process = start("exec sleep 60");
    assertEquals(OptionalInt.of(143), process.stop(Duration.ofSeconds(10)));
    assertTrue(process.stopRequested());
  }

  @Test
  void stopKillsAProcessThatIgnoresSigtermAndWhatItStarted() throws Exception {
    PodProcess process = start("trap '' TERM; sleep 60 & wait; sleep 60");
    awaitChild(process);
    List<ProcessHandle> children =
        ProcessHandle.of(process.pid()).orElseThrow().children().toList();

    assertEquals(OptionalInt.of(137), process.stop(Duration.ofMillis(500)));
    for (ProcessHandle child : children) {
      child.onExit().get();
      assertFalse(child.isAlive());
    }
  }

  private static PodProcess start(String script) throws Exception {
    return PodProcess.start(
        List.of("bash", "-c", script), LoopbackPorts.free(), ProcessBuilder.Redirect.DISCARD);
  }

  private static void awaitChild(PodProcess process) {
    ProcessHandle handle = ProcessHandle.of(process.pid()).orElseThrow();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> handle.children().findAny().isPresent());
  }
}
