package dev.metricsadapter.rules.files;

import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.ConfigProblem;
import dev.metricsadapter.rules.RuleCompiler;
import dev.metricsadapter.rules.RuleConfigException;
import dev.metricsadapter.rules.RuleConfigParser;
import dev.metricsadapter.rules.RuleDocument;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the rule files named by {@code --config}: one file, or every {@code *.yaml} and {@code
 * *.yml} file directly inside a directory, in file-name order. Names starting with a dot are
 * skipped, so a Kubernetes ConfigMap volume (whose {@code ..data} entries are symlinks) is read
 * once. Blocking file I/O: call it from a worker thread, never from an event loop.
 */
public final class RuleFiles {

  private RuleFiles() {}

  /**
   * Reads, parses and compiles the rules at {@code path}.
   *
   * @throws RuleConfigException listing every problem: unreadable files, YAML and rule errors
   */
  public static CompiledRules load(Path path, ResourceMapper mapper) {
    return new RuleCompiler(mapper).compile(new RuleConfigParser().parseLeniently(read(path)));
  }

  /**
   * Reads the documents at {@code path} without parsing them.
   *
   * @throws RuleConfigException if the path is missing, empty of rule files, or unreadable
   */
  public static List<RuleDocument> read(Path path) {
    if (Files.isDirectory(path)) {
      List<Path> files = ruleFiles(path);
      if (files.isEmpty()) {
        throw failure(path, "the directory holds no *.yaml or *.yml files");
      }
      List<RuleDocument> documents = new ArrayList<>();
      for (Path file : files) {
        documents.add(document(file));
      }
      return documents;
    }
    if (!Files.exists(path)) {
      throw failure(path, "no such file or directory");
    }
    return List.of(document(path));
  }

  private static List<Path> ruleFiles(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(
              p ->
                  p.getFileName().toString().endsWith(".yaml")
                      || p.getFileName().toString().endsWith(".yml"))
          .filter(Files::isRegularFile)
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw failure(directory, "cannot list the directory: " + e.getMessage());
    }
  }

  private static RuleDocument document(Path file) {
    try {
      return new RuleDocument(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (CharacterCodingException e) {
      throw failure(file, "not UTF-8 text");
    } catch (IOException e) {
      throw failure(file, "cannot read: " + e.getMessage());
    }
  }

  private static RuleConfigException failure(Path path, String message) {
    return new RuleConfigException(List.of(new ConfigProblem(path.toString(), 0, "", message)));
  }
}
