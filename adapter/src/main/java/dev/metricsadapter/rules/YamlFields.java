package dev.metricsadapter.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Strict, located access to one YAML mapping: reports unknown and duplicate keys and values of the
 * wrong type to a {@link Problems} collector and carries on, so that one load finds every error.
 */
final class YamlFields {

  /** Collects problems of one file; {@code context} is appended to messages about a rule. */
  static final class Problems {
    private final String file;
    private final List<ConfigProblem> sink;

    Problems(String file, List<ConfigProblem> sink) {
      this.file = file;
      this.sink = sink;
    }

    void add(Node node, String path, String message) {
      add(line(node), path, message);
    }

    void add(int line, String path, String message) {
      sink.add(new ConfigProblem(file, line, path, message));
    }

    String file() {
      return file;
    }

    /** How many problems have been reported so far (by any collector sharing the sink). */
    int count() {
      return sink.size();
    }
  }

  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final String path;
  private final Problems problems;

  private YamlFields(String path, Problems problems) {
    this.path = path;
    this.problems = problems;
  }

  /** A mapping with no keys, for an empty document. */
  static YamlFields empty(Problems problems) {
    return new YamlFields("", problems);
  }

  /**
   * Reads {@code node} as a mapping with the given keys; empty (with a problem reported) if it is
   * not a mapping. A YAML null reads as an empty mapping.
   */
  static Optional<YamlFields> of(Node node, String path, Set<String> allowed, Problems problems) {
    if (isNull(node)) {
      return Optional.of(new YamlFields(path, problems));
    }
    if (!(node instanceof MappingNode mapping)) {
      problems.add(
          node,
          path,
          "expected a mapping with keys " + new TreeSet<>(allowed) + " but found " + kind(node));
      return Optional.empty();
    }
    YamlFields fields = new YamlFields(path, problems);
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalar)) {
        problems.add(keyNode, path, "keys must be plain strings");
        continue;
      }
      String key = scalar.getValue();
      String keyPath = child(path, key);
      if (!allowed.contains(key)) {
        problems.add(
            keyNode,
            keyPath,
            "unknown key (allowed here: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      } else if (fields.entries.containsKey(key)) {
        problems.add(
            keyNode,
            keyPath,
            "duplicate key (first defined at line "
                + line(fields.entries.get(key).getKeyNode())
                + ")");
      } else {
        fields.entries.put(key, tuple);
      }
    }
    return Optional.of(fields);
  }

  /** The value node of {@code key}, if the key is present and its value is not null. */
  Optional<Node> node(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null || isNull(tuple.getValueNode())
        ? Optional.empty()
        : Optional.of(tuple.getValueNode());
  }

  /** The line of {@code key}'s key, if present. */
  Optional<Integer> lineOf(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null ? Optional.empty() : Optional.of(line(tuple.getKeyNode()));
  }

  /** The keys present, in file order. */
  Set<String> keys() {
    return entries.keySet();
  }

  /** A scalar value as text (YAML numbers and booleans as written); {@code ""} when absent. */
  String string(String key) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return "";
    }
    if (value.get() instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    problems.add(value.get(), child(path, key), "expected a string but found " + kind(value.get()));
    return "";
  }

  /** Whether {@code key} is absent, null, or a blank scalar (a present non-scalar is not blank). */
  boolean isBlank(String key) {
    Optional<Node> value = node(key);
    return value.isEmpty()
        || value.get() instanceof ScalarNode scalar && scalar.getValue().isBlank();
  }

  /** A boolean value; {@code fallback} when absent or malformed (malformed is reported). */
  boolean bool(String key, boolean fallback) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return fallback;
    }
    if (value.get() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
      return Set.of("true", "yes", "on").contains(scalar.getValue().toLowerCase(Locale.ROOT));
    }
    problems.add(
        value.get(), child(path, key), "expected true or false but found " + kind(value.get()));
    return fallback;
  }

  /** The items of a sequence value; empty when absent or malformed (malformed is reported). */
  List<Node> list(String key) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (value.get() instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    problems.add(value.get(), child(path, key), "expected a list but found " + kind(value.get()));
    return List.of();
  }

  /** The entries of a mapping value with free-form keys; empty when absent or malformed. */
  List<NodeTuple> map(String key) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (value.get() instanceof MappingNode mapping) {
      return mapping.getValue();
    }
    problems.add(
        value.get(), child(path, key), "expected a mapping but found " + kind(value.get()));
    return List.of();
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "\"" + ((ScalarNode) node).getValue() + "\"";
  }
}
