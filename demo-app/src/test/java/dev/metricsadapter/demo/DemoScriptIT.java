package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ../demo.sh} end to end: real Prometheus, three demo-app JVMs, the adapter's jar, kubectl
 * (or curl), the load generator. Needs the jars (the adapter module is packaged before this one).
 */
class DemoScriptIT {

  private static final Pattern POD_VALUE = Pattern.compile("demo-app-\\d=(\\d+\\.\\d+)");
  private static final Pattern WANTS = Pattern.compile("HPA wants (\\d+) replica");

  @BeforeAll
  static void prerequisites() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/prometheus")), "Prometheus is not installed");
    Path adapterJar = ScriptRun.REPO.resolve("adapter/target/metrics-adapter.jar");
    assertTrue(
        Files.isRegularFile(adapterJar),
        adapterJar + " is missing: build it first (./mvnw -B -pl adapter -DskipTests package)");
    assertTrue(Files.isRegularFile(ScriptRun.REPO.resolve("demo-app/target/demo-app.jar")));
  }

  @Test
  void showsRatesRiseAndTheHpaWantMoreReplicasThenCleansUp() throws Exception {
    try (ScriptRun run = ScriptRun.start("--standalone", "--no-build", "--duration", "45s")) {
      int exit = run.waitFor(Duration.ofMinutes(4));
      String output = run.output();
      assertEquals(0, exit, output);

      List<String> table = run.lines().stream().filter(line -> line.startsWith("t=")).toList();
      assertTrue(table.size() >= 5, output);
      double highest = 0;
      int mostWanted = 0;
      for (String line : table) {
        Matcher value = POD_VALUE.matcher(line);
        while (value.find()) {
          highest = Math.max(highest, Double.parseDouble(value.group(1)));
        }
        Matcher wants = WANTS.matcher(line);
        if (wants.find()) {
          mostWanted = Math.max(mostWanted, Integer.parseInt(wants.group(1)));
        }
      }
      assertTrue(highest > 0, "per-pod rate rose above 0:\n" + output);
      assertTrue(mostWanted > 1, "the HPA wanted more than 1 replica:\n" + output);
      assertTrue(output.contains("load done t="), output);
      assertTrue(output.contains("Demo finished."), output);
      assertNothingLeft(run);
    }
  }

  @Test
  void sigtermStopsEverythingItStarted() throws Exception {
    try (ScriptRun run = ScriptRun.start("--standalone", "--no-build", "--duration", "10m")) {
      Awaitility.await("the first table line")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> run.lines().stream().anyMatch(line -> line.startsWith("t=")));
      run.terminate();
      int exit = run.waitFor(Duration.ofMinutes(1));
      assertEquals(143, exit, run.output());
      assertTrue(run.output().contains("Stopped everything"), run.output());
      assertNothingLeft(run);
    }
  }

  private static void assertNothingLeft(ScriptRun run) {
    Set<Integer> ports = run.announcedPorts();
    assertEquals(5, ports.size(), "three pods, Prometheus, adapter:\n" + run.output());
    for (int port : ports) {
      assertFalse(ScriptRun.listening(port), "port " + port + " still open:\n" + run.output());
    }
    assertFalse(Files.exists(run.dataDir()), run.dataDir() + " not removed");
  }
}
