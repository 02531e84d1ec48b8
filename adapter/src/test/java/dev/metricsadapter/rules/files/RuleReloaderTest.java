package dev.metricsadapter.rules.files;

import static dev.metricsadapter.testing.Futures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleReloaderTest {

  private static final String RESOURCE_RULES =
      """
      resourceRules:
        cpu:
          containerQuery: sum(rate(c[1m])) by (<<.GroupBy>>)
          nodeQuery: sum(rate(n[1m])) by (<<.GroupBy>>)
          resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}, node: {resource: node}}}
          containerLabel: container
        memory:
          containerQuery: sum(m) by (<<.GroupBy>>)
          nodeQuery: sum(nm) by (<<.GroupBy>>)
          resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}, node: {resource: node}}}
          containerLabel: container
        window: %s
      """;
  private static final String RULE =
      """
      rules:
      - seriesQuery: '{__name__="a"}'
        metricsQuery: sum(<<.Series>>)
      """;

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final List<CompiledRules> changes = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  private RuleReloader reloader(Path file) {
    BuiltinResourceMapper mapper = new BuiltinResourceMapper();
    RuleReloader reloader =
        new RuleReloader(
            vertx, file, mapper, Clock.systemUTC(), RuleFiles.load(file, mapper), status -> {});
    // Reloads here are explicit; the periodic check never comes within a test.
    reloader.start(Duration.ofHours(1), changes::add);
    return reloader;
  }

  @Test
  void resourceRulesEditsApplyAndARemovalKeepsTheLastOnesUntilARestart() throws Exception {
    Path file = Files.writeString(dir.resolve("rules.yaml"), RULE + RESOURCE_RULES.formatted("1m"));
    RuleReloader reloader = reloader(file);
    assertEquals(Duration.ofMinutes(1), reloader.resourceRules().window());

    Files.writeString(file, RULE + RESOURCE_RULES.formatted("5m"));
    RuleReloader.Status edited = await(reloader.reload());
    assertTrue(edited.successful(), edited.toString());
    assertEquals(Optional.empty(), edited.restartNeeded());
    assertEquals(Duration.ofMinutes(5), reloader.resourceRules().window());

    Files.writeString(file, RULE);
    RuleReloader.Status removed = await(reloader.reload());
    assertTrue(removed.successful(), removed.toString());
    assertEquals(
        Optional.of(
            "resourceRules were removed: metrics.k8s.io is served with the last resourceRules"
                + " until a restart"),
        removed.restartNeeded());
    assertEquals(Duration.ofMinutes(5), reloader.resourceRules().window());
    assertEquals(2, changes.size());
  }

  @Test
  void addedResourceRulesNeedARestart() throws Exception {
    Path file = Files.writeString(dir.resolve("rules.yaml"), RULE);
    RuleReloader reloader = reloader(file);

    Files.writeString(file, RULE + RESOURCE_RULES.formatted("1m"));
    RuleReloader.Status added = await(reloader.reload());

    assertEquals(
        Optional.of("resourceRules were added: metrics.k8s.io is served after a restart"),
        added.restartNeeded());
    Files.writeString(file, RULE + "bogus: 1\n");
    RuleReloader.Status failed = await(reloader.reload());
    assertEquals(false, failed.successful());
    assertEquals(added.restartNeeded(), failed.restartNeeded(), "still the served rules' state");
  }
}
