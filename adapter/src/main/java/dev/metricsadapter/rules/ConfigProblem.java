package dev.metricsadapter.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One error or warning in the rule files, printed as {@code file:line: path: message}, e.g. {@code
 * rules/http.yaml:14: rules[2].name.as: required when 'matches' has 2 capture groups}.
 *
 * @param file the rule file's name
 * @param line 1-based line, or 0 when the problem concerns the whole file
 * @param path the YAML path of the offending value, e.g. {@code rules[2].name.as}; may be empty
 * @param message what is wrong, and where it helps, the rule's seriesQuery
 */
public record ConfigProblem(String file, int line, String path, String message) {

  /**
   * {@code problems} in reading order: files in the order they first appear, lines ascending within
   * a file, otherwise as given.
   */
  public static List<ConfigProblem> inReadingOrder(List<ConfigProblem> problems) {
    Map<String, Integer> fileOrder = new LinkedHashMap<>();
    problems.forEach(p -> fileOrder.putIfAbsent(p.file(), fileOrder.size()));
    List<ConfigProblem> sorted = new ArrayList<>(problems);
    sorted.sort(
        Comparator.comparing((ConfigProblem p) -> fileOrder.get(p.file()))
            .thenComparingInt(ConfigProblem::line));
    return List.copyOf(sorted);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
    }
    out.append(": ");
    if (!path.isEmpty()) {
      out.append(path).append(": ");
    }
    return out.append(message).toString();
  }
}
