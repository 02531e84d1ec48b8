package dev.metricsadapter.config;

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
