package dev.metricsadapter.rules;

import java.util.Map;

/**
 * Where a rule was written: its file, the line it starts on, its section and its index there.
 *
 * @param file the rule file's name
 * @param line 1-based line of the rule's first key
 * @param section {@code rules}, {@code externalRules} or {@code resourceRules}
 * @param index the rule's position in its section of that file (0-based), or -1 for resource rules
 * @param fieldLines 1-based lines of the rule's fields, keyed by their path inside the rule (e.g.
 *     {@code name.as}), so that later checks can point at the exact line
 */
public record RuleOrigin(
    String file, int line, String section, int index, Map<String, Integer> fieldLines) {

  public RuleOrigin {
    fieldLines = Map.copyOf(fieldLines);
  }

  /**
   * The line of {@code field} (a path inside the rule such as {@code name.as}), else of its closest
   * enclosing field that was written, else of the rule itself.
   */
  public int lineOf(String field) {
    for (String path = field; !path.isEmpty(); path = parent(path)) {
      Integer found = fieldLines.get(path);
      if (found != null) {
        return found;
      }
    }
    return line;
  }

  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** The rule's path as written in messages, e.g. {@code rules[2]} or {@code resourceRules.cpu}. */
  public String path() {
    return index < 0 ? section : section + "[" + index + "]";
  }

  /** {@code file:line} of the rule. */
  public String location() {
    return file + ":" + line;
  }

  @Override
  public String toString() {
    return location() + " " + path();
  }
}
