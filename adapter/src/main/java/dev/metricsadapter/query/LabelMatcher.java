package dev.metricsadapter.query;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One PromQL label matcher such as {@code pod=~"web-1|web-2"}. The value is always written as a Go
 * (PromQL) string literal, so no value can break out of its quotes; the label must be a valid
 * Prometheus label name.
 *
 * @param label a Prometheus label name
 * @param operator how the label is compared
 * @param value the (unquoted) value or regular expression
 */
public record LabelMatcher(String label, Operator operator, String value) {

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** The characters Go's {@code regexp.QuoteMeta} escapes. */
  private static final String REGEX_META = "\\.+*?()|[]{}^$";

  /** PromQL's four matching operators. */
  public enum Operator {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String text;

    Operator(String text) {
      this.text = text;
    }

    /** The operator as written in PromQL. */
    public String text() {
      return text;
    }
  }

  public LabelMatcher {
    if (!isLabelName(label)) {
      throw new IllegalArgumentException("not a Prometheus label name: \"" + label + "\"");
    }
  }

  /** Whether {@code name} is a valid Prometheus label name. */
  public static boolean isLabelName(String name) {
    return name != null && LABEL_NAME.matcher(name).matches();
  }

  /**
   * A matcher for exactly the given values: {@code label="v"} for one value and {@code
   * label=~"v1|v2"} (each value regex-escaped) for several.
   */
  public static LabelMatcher anyOf(String label, List<String> values) {
    return values.size() == 1
        ? new LabelMatcher(label, Operator.EQUAL, values.get(0))
        : new LabelMatcher(label, Operator.REGEX, alternation(values));
  }

  /** The values, each escaped as Go's {@code regexp.QuoteMeta} does, joined with {@code |}. */
  public static String alternation(List<String> values) {
    return values.stream().map(LabelMatcher::quoteMeta).collect(Collectors.joining("|"));
  }

  /** Escapes every regular-expression metacharacter in {@code literal}. */
  public static String quoteMeta(String literal) {
    StringBuilder escaped = null;
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (REGEX_META.indexOf(c) >= 0) {
        if (escaped == null) {
          escaped = new StringBuilder(literal.length() + 8).append(literal, 0, i);
        }
        escaped.append('\\');
      }
      if (escaped != null) {
        escaped.append(c);
      }
    }
    return escaped == null ? literal : escaped.toString();
  }

  @Override
  public String toString() {
    return label + operator.text() + GoStrings.quote(value);
  }
}
