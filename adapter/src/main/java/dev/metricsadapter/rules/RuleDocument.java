package dev.metricsadapter.rules;

import java.util.Objects;

/**
 * The text of one rule file and the name it is reported under (usually its path).
 *
 * @param name the file name used in error messages, e.g. {@code rules/http.yaml}
 * @param content the YAML text
 */
public record RuleDocument(String name, String content) {
  public RuleDocument {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }
}
