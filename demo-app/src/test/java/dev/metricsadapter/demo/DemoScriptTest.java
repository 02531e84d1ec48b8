package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fast parts of {@code ../demo.sh}: its built-in self-test (Quantity parsing, HPA math, JSON).
 */
class DemoScriptTest {

  private static final Duration LIMIT = Duration.ofSeconds(60);

  @Test
  void isExecutable() {
    assertTrue(Files.isExecutable(ScriptRun.SCRIPT), ScriptRun.SCRIPT + " must be executable");
  }

  @Test
  void selfTestPasses() throws Exception {
    try (ScriptRun run = ScriptRun.start("--self-test")) {
      assertEquals(0, run.waitFor(LIMIT), run.output());
      assertTrue(run.output().contains("ok   quantity(12500m) = 12.5"), run.output());
      assertTrue(run.output().contains("ok   desired(current=3, avg=15.07) = 5"), run.output());
      assertTrue(run.output().endsWith("self-test passed"), run.output());
    }
  }

  @Test
  void helpAndBadArguments() throws Exception {
    try (ScriptRun run = ScriptRun.start("--help")) {
      assertEquals(0, run.waitFor(LIMIT), run.output());
      assertTrue(run.output().contains("--duration D"), run.output());
    }
    try (ScriptRun run = ScriptRun.start("--frobnicate")) {
      assertEquals(2, run.waitFor(LIMIT), run.output());
      assertTrue(run.output().contains("unknown argument '--frobnicate'"), run.output());
    }
    try (ScriptRun run = ScriptRun.start("--duration", "soon")) {
      assertEquals(1, run.waitFor(LIMIT), run.output());
      assertTrue(run.output().contains("--duration: 'soon' is not Ns, Nm or N"), run.output());
    }
  }
}
