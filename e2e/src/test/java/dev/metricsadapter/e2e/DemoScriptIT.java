package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./demo.sh --kubernetes} end to end: its own cluster, the real HPA scaling the demo up to
 * at least 3 replicas and back to 1, the HPA's events printed, and nothing left running after it.
 */
class DemoScriptIT {

  private static final Path SCRIPT = Path.of("..", "demo.sh").toAbsolutePath();
  private static final Pattern SCALED = Pattern.compile("scaled 1 -> (\\d+) -> 1 replicas");

  @BeforeEach
  void controlPlane() {
    E2eRequirements.requireControlPlane();
  }

  @Test
  void showsTheRealHpaScalingUpAndBackDown() throws Exception {
    AdapterCluster.Run run =
        AdapterCluster.run(
            List.of("bash", SCRIPT.toString(), "--kubernetes", "--no-build", "--duration", "60s"),
            Duration.ofMinutes(10));
    String output = run.output();
    assertEquals(0, run.exitCode(), output);
    assertTrue(output.startsWith("Mode: kubernetes (chosen with --kubernetes)."), output);
    Matcher scaled = SCALED.matcher(output);
    assertTrue(scaled.find(), output);
    assertTrue(Integer.parseInt(scaled.group(1)) >= 3, output);
    assertTrue(output.contains("HPA event SuccessfulRescale: New size: "), output);
    assertTrue(output.contains(" replicas=1"), output);
    assertTrue(output.contains("kubectl get hpa -n demo -w"), output);
    assertTrue(output.contains("Stopped everything"), output);
    AdapterCluster.Run left =
        AdapterCluster.run(List.of("pgrep", "-f", "metrics-adapter-demo"), Duration.ofSeconds(10));
    assertEquals(1, left.exitCode(), "processes left behind:\n" + left.output());
  }
}
