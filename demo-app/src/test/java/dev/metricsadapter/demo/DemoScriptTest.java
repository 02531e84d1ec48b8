package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fast parts of {@code ../demo.sh}: its arguments, and the helpers it sources from {@code
 * ../scripts/common.sh} (shared with bench/ and e2e/).
 */
class DemoScriptTest {

  private static final Duration LIMIT = Duration.ofSeconds(60);

  /** What a bash snippet printed (stdout, then stderr) and its exit status. */
  private record Bash(int exit, String out, String err) {}

  /** Runs {@code script} in bash, in the repository, after sourcing scripts/common.sh. */
  private static Bash common(String script) throws IOException, InterruptedException {
    Path err = Files.createTempFile("common-sh", ".err");
    try {
      Process bash =
          new ProcessBuilder(
                  "bash",
                  "-c",
                  "set -euo pipefail; source scripts/common.sh; LOG_TAG=test; " + script)
              .directory(ScriptRun.REPO.toFile())
              .redirectError(err.toFile())
              .start();
      String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!bash.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        bash.destroyForcibly();
        throw new AssertionError("bash did not finish within " + LIMIT + ": " + script);
      }
      return new Bash(bash.exitValue(), out, Files.readString(err));
    } finally {
      Files.delete(err);
    }
  }

  @Test
  void isExecutable() {
    assertTrue(Files.isExecutable(ScriptRun.SCRIPT), ScriptRun.SCRIPT + " must be executable");
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

  @Test
  void parseDurationReadsSecondsMinutesAndHours() throws Exception {
    Bash run =
        common(
            "for d in 90 090 90s 2m 1m30s 1h 1h2m3s 08m '' x 1m30 -5s; do"
                + " parse_duration \"$d\" || echo no; done");
    assertEquals(
        List.of("90", "90", "90", "120", "90", "3600", "3723", "480", "no", "no", "no", "no"),
        run.out().lines().toList(),
        run.toString());
  }

  @Test
  void logAndDieTagTheirLinesOnStderr() throws Exception {
    Bash run = common("log starting; die 'no such thing'; echo unreachable");
    assertEquals(1, run.exit(), run.toString());
    assertEquals("", run.out());
    assertEquals("[test] starting\n[test] ERROR: no such thing\n", run.err());
  }

  @Test
  void freePortsAreDistinctLoopbackPorts() throws Exception {
    Bash run = common("free_ports 5");
    List<Integer> ports =
        Arrays.stream(run.out().strip().split(" ")).map(Integer::parseInt).distinct().toList();
    assertEquals(5, ports.size(), run.toString());
    assertTrue(ports.stream().allMatch(port -> port > 0 && port < 65536), run.toString());
  }

  @Test
  void stopEndsTheWholeProcessGroupAndTheExitTrapRemovesTheWorkDir() throws Exception {
    Bash run =
        common(
            "make_work_dir demo-script-test; echo \"$WORK\";"
                + " start parent bash -c 'sleep 300 & echo $! >\"$0/child\"; wait' \"$WORK\";"
                + " wait_until 20 parent 'its child' test -s \"$WORK/child\";"
                + " child=$(cat \"$WORK/child\"); stop parent;"
                // The child got TERM with its group; it is gone, or a zombie left to init, soon.
                + " deadline=$((SECONDS + 10)); state=R;"
                + " while [[ $state != gone && $state != Z ]] && ((SECONDS < deadline)); do"
                + "   state=$(awk '{ print $3 }' \"/proc/$child/stat\" 2>/dev/null || echo gone);"
                + "   pause 0.05; done;"
                + " if [[ $state == gone || $state == Z ]]; then echo child gone; else echo child alive; fi;"
                + " start quick bash -c 'exit 3'; code=0; reap quick || code=$?; echo \"reaped $code\"");
    List<String> lines = run.out().lines().toList();
    assertEquals(0, run.exit(), run.toString());
    assertEquals(List.of("child gone", "reaped 3"), lines.subList(1, 3), run.toString());
    assertEquals("Stopped everything; removed " + lines.get(0) + ".", lines.get(3), run.toString());
    assertFalse(Files.exists(Path.of(lines.get(0))), lines.get(0) + " still exists");
  }
}
