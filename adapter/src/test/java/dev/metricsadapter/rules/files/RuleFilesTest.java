package dev.metricsadapter.rules.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.RuleConfigException;
import dev.metricsadapter.rules.RuleDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilesTest {

  private static final String RULE =
      "rules:\n- seriesQuery: '{__name__=\"%s\"}'\n  metricsQuery: sum(<<.Series>>)\n";

  @TempDir Path dir;

  @Test
  void mergesYamlFilesOfADirectoryInFileNameOrder() throws IOException {
    Files.writeString(dir.resolve("b.yml"), RULE.formatted("b"));
    Files.writeString(dir.resolve("a.yaml"), RULE.formatted("a"));
    Files.writeString(dir.resolve("c.yaml"), RULE.formatted("c"));
    Files.writeString(dir.resolve("notes.txt"), "not a rule file");
    Files.writeString(dir.resolve(".hidden.yaml"), "broken: [");
    Files.createDirectory(dir.resolve("sub.yaml"));

    CompiledRules rules = RuleFiles.load(dir, new BuiltinResourceMapper());

    assertEquals(
        List.of("{__name__=\"a\"}", "{__name__=\"b\"}", "{__name__=\"c\"}"),
        rules.rules().stream().map(r -> r.seriesQuery()).toList());
    assertEquals(
        List.of(dir.resolve("a.yaml").toString(), dir.resolve("b.yml").toString()),
        rules.rules().stream().limit(2).map(r -> r.origin().file()).toList());
  }

  @Test
  void readsAConfigMapVolumeOnceThroughItsSymlinks() throws IOException {
    Path data = Files.createDirectory(dir.resolve("..2026_11_21_06_00_00.123"));
    Files.writeString(data.resolve("rules.yaml"), RULE.formatted("x"));
    Files.createSymbolicLink(dir.resolve("..data"), data.getFileName());
    Files.createSymbolicLink(dir.resolve("rules.yaml"), Path.of("..data/rules.yaml"));

    List<RuleDocument> documents = RuleFiles.read(dir);

    assertEquals(
        List.of(dir.resolve("rules.yaml").toString()),
        documents.stream().map(RuleDocument::name).toList());
  }

  @Test
  void readsASingleFile() throws IOException {
    Path file = Files.writeString(dir.resolve("any-name.conf"), RULE.formatted("x"));
    assertEquals(1, RuleFiles.load(file, new BuiltinResourceMapper()).rules().size());
  }

  @Test
  void reportsAMissingPath() {
    Path missing = dir.resolve("nope");
    RuleConfigException failure =
        assertThrows(RuleConfigException.class, () -> RuleFiles.read(missing));
    assertEquals(missing + ": no such file or directory", failure.problems().get(0).toString());
  }

  @Test
  void reportsADirectoryWithoutRuleFiles() throws IOException {
    Files.writeString(dir.resolve("README"), "nothing here");
    RuleConfigException failure =
        assertThrows(RuleConfigException.class, () -> RuleFiles.read(dir));
    assertEquals(
        dir + ": the directory holds no *.yaml or *.yml files",
        failure.problems().get(0).toString());
  }

  @Test
  void reportsErrorsOfEveryFileWithTheirPaths() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "rules:\n- seriesQuery: s\n");
    Files.writeString(dir.resolve("b.yaml"), "rulez: []\n");
    RuleConfigException failure =
        assertThrows(
            RuleConfigException.class, () -> RuleFiles.load(dir, new BuiltinResourceMapper()));
    assertEquals(
        List.of(
            dir.resolve("a.yaml")
                + ":2: rules[0].metricsQuery: required: the PromQL template that"
                + " computes the metric (rule with seriesQuery s)",
            dir.resolve("b.yaml")
                + ":1: rulez: unknown key (allowed here: externalRules,"
                + " resourceRules, rules)"),
        failure.problems().stream().map(Object::toString).toList());
  }
}
