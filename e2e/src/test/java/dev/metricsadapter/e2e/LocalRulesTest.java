package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code e2e/local/rules/} (the rules ConfigMap of the cluster.sh overlay) holds the repository's
 * rule files with 30 s windows and nothing else changed, so an e2e test or demo exercises the rules
 * users get. Runs in the module directory ({@code e2e/}).
 */
class LocalRulesTest {
  private static final Path RULES = Path.of("..", "rules");
  private static final Path LOCAL_RULES = Path.of("local", "rules");

  /** What differs from the repository's files, in order: windows and the comment naming one. */
  private static final Map<String, List<String[]>> EDITS =
      Map.of(
          "demo.yaml", List.<String[]>of(new String[] {"[2m]", "[30s]"}),
          "resource.yaml",
              List.of(
                  new String[] {"[3m]", "[30s]"},
                  new String[] {"\n  window: 3m\n", "\n  window: 30s\n"},
                  new String[] {"over the last 3 minutes", "over the last 30 seconds"}));

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"demo.yaml", "resource.yaml"})
  void isTheRepositoryFileWithShortWindows(String name) throws IOException {
    String expected = Files.readString(RULES.resolve(name));
    for (String[] edit : EDITS.get(name)) {
      expected = expected.replace(edit[0], edit[1]);
    }
    String local = Files.readString(LOCAL_RULES.resolve(name));
    // The copy starts with a two-line comment saying what it is.
    String body = local.substring(local.indexOf('\n', local.indexOf('\n') + 1) + 1);
    assertEquals(
        expected,
        body,
        "e2e/local/rules/"
            + name
            + " should be rules/"
            + name
            + " with 30 s windows (after its two comment lines); update the copy");
  }

  @Test
  void holdsExactlyTheFilesTheOverlayNames() throws IOException {
    try (Stream<Path> files = Files.list(LOCAL_RULES)) {
      assertEquals(
          new TreeSet<>(EDITS.keySet()),
          new TreeSet<>(files.map(p -> p.getFileName().toString()).toList()));
    }
    String kustomization = Files.readString(Path.of("local", "kustomization.yaml"));
    for (String name : EDITS.keySet()) {
      assertTrue(kustomization.contains("  - rules/" + name + "\n"), name + " in the generator");
    }
  }
}
