package dev.metricsadapter.it;

import static dev.metricsadapter.testing.AdapterUnderTest.RULES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.testing.AdapterUnderTest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code resourceRules} edits apply without a restart like the other rules; removing the section
 * keeps the last ones serving and says, in {@code /readyz?verbose} and a self-metric, that only a
 * restart stops serving {@code metrics.k8s.io}.
 */
class ResourceRulesReloadIT {

  private static final String POD = "/apis/metrics.k8s.io/v1beta1/namespaces/demo/pods/web-1";

  @RegisterExtension
  final AdapterUnderTest stack =
      AdapterUnderTest.withRules(ResourceRulesReloadIT::copyOfTheResourceAndDemoRules);

  /** A directory with copies of the repository's resource.yaml and demo.yaml. */
  private static Path copyOfTheResourceAndDemoRules(Path dir) throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    for (String file : new String[] {"resource.yaml", "demo.yaml"}) {
      Files.copy(RULES.resolve(file), rules.resolve(file));
    }
    return rules;
  }

  @Test
  void aWindowChangeAppliesAndARemovalAsksForARestart() throws Exception {
    Path file = stack.rules().resolve("resource.yaml");
    String resource = Files.readString(file);
    assertTrue(resource.contains("\n  window: 3m\n"), "the shipped window");
    assertEquals("3m0s", window());

    Files.writeString(file, resource.replace("\n  window: 3m\n", "\n  window: 5m\n"));
    Awaitility.await("the new window is served")
        .atMost(Duration.ofSeconds(30))
        .until(() -> "5m0s".equals(window()));

    Files.delete(file);
    Awaitility.await("the removal is reported")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                stack
                    .adapter()
                    .get("/readyz?verbose")
                    .body()
                    .contains(
                        "resourceRules were removed: metrics.k8s.io is served with the last"
                            + " resourceRules until a restart"));
    assertEquals("5m0s", window());
    assertTrue(
        stack
            .adapter()
            .get("/metrics")
            .body()
            .contains("metrics_adapter_config_restart_needed 1.0"));
    assertTrue(stack.adapter().log().contains("WARN  RuleReloader: resourceRules were removed"));
  }

  private String window() throws Exception {
    return new JsonObject(stack.adapter().getOk(POD).body()).getString("window");
  }
}
