package dev.metricsadapter.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that a PromQL query the adapter sent is exactly one rendering of a {@code rules/demo.yaml}
 * template, with request text only inside properly quoted matcher values:
 *
 * <pre>
 * sum(rate(http_requests_total{MATCHERS}[2m])) by (pod|service|namespace)   (rules)
 * sum(rate(http_requests_total{MATCHERS,code=~"5.."}[2m]))                 (externalRules)
 * </pre>
 *
 * where MATCHERS is a comma-separated list of {@code label(=|!=|=~|!~)"value"}, each as the regular
 * expression {@code [a-zA-Z_][a-zA-Z0-9_]*(=|!=|=~|!~)"(?:[^"\\]|\\.)*"} describes (scanned by
 * hand: a regex over thousands of matchers would overflow the stack). On top of the shape: labels
 * are ones a valid request can produce (Kubernetes label names that are Prometheus label names, so
 * never {@code __name__}), the namespace matcher {@code namespace="demo"} is present, and every
 * value, unescaped, holds only what a valid request can put there (label-value and object-name
 * characters, regex escapes and {@code |}); any other escape means request text needed escaping.
 */
final class PromQlShape {

  private static final String PREFIX = "sum(rate(http_requests_total{";
  private static final String SERIES_PREFIX = "{__name__=\"http_requests_total\",";
  private static final Set<String> CUSTOM_SUFFIXES =
      Set.of("}[2m])) by (pod)", "}[2m])) by (service)", "}[2m])) by (namespace)");
  private static final String EXTERNAL_SUFFIX = "}[2m]))";
  private static final String EXTERNAL_LAST = "code=~\"5..\"";
  private static final Pattern LABEL_START = Pattern.compile("[a-zA-Z_]");
  private static final Pattern REQUEST_LABEL =
      Pattern.compile("[A-Za-z]([A-Za-z0-9_]*[A-Za-z0-9])?");
  private static final Pattern REQUEST_VALUE = Pattern.compile("[A-Za-z0-9._:|\\\\-]*");

  private PromQlShape() {}

  /** One parsed matcher, its value as written between the quotes. */
  record Matcher(String label, String operator, String quoted) {
    @Override
    public String toString() {
      return label + operator + "\"" + quoted + "\"";
    }
  }

  /** Matchers between braces and the text after their closing brace. */
  private record Parsed(List<Matcher> matchers, String suffix) {}

  /** The problems of {@code query}; empty when it has the expected shape. */
  static List<String> problems(String query) {
    List<String> problems = new ArrayList<>();
    Optional<Parsed> parsed = parse(query, PREFIX, problems);
    if (parsed.isEmpty()) {
      return problems;
    }
    List<Matcher> matchers = parsed.get().matchers();
    String suffix = parsed.get().suffix();
    boolean external = suffix.equals(EXTERNAL_SUFFIX);
    if (!external && !CUSTOM_SUFFIXES.contains(suffix)) {
      problems.add("unexpected text after the matchers: " + abbreviate(suffix));
    }
    if (external) {
      if (matchers.isEmpty()
          || !matchers.get(matchers.size() - 1).toString().equals(EXTERNAL_LAST)) {
        problems.add("external query does not end with the rule's " + EXTERNAL_LAST);
      } else {
        matchers = matchers.subList(0, matchers.size() - 1);
      }
    }
    checkRequestMatchers(matchers, problems);
    return problems;
  }

  /**
   * The problems of a series selector sent to list objects in standalone mode; empty when it is
   * {@code {__name__="http_requests_total",MATCHERS}} with MATCHERS as in a query.
   */
  static List<String> seriesProblems(String match) {
    List<String> problems = new ArrayList<>();
    Optional<Parsed> parsed = parse(match, SERIES_PREFIX, problems);
    if (parsed.isPresent()) {
      if (!parsed.get().suffix().equals("}")) {
        problems.add("unexpected text after the matchers: " + abbreviate(parsed.get().suffix()));
      }
      checkRequestMatchers(parsed.get().matchers(), problems);
    }
    return problems;
  }

  /**
   * {@code text} after {@code prefix}, parsed; empty, with the reason added to {@code problems},
   * when it does not start with {@code prefix} or its matchers do not parse.
   */
  private static Optional<Parsed> parse(String text, String prefix, List<String> problems) {
    if (!text.startsWith(prefix)) {
      problems.add("does not start with " + prefix);
      return Optional.empty();
    }
    List<Matcher> matchers = new ArrayList<>();
    int end = parseMatchers(text, prefix.length(), matchers, problems);
    return end < 0 ? Optional.empty() : Optional.of(new Parsed(matchers, text.substring(end)));
  }

  /** Matchers holding request text: the namespace is there, labels and values are plausible. */
  private static void checkRequestMatchers(List<Matcher> matchers, List<String> problems) {
    if (matchers.stream().noneMatch(m -> m.toString().equals("namespace=\"demo\""))) {
      problems.add("no namespace=\"demo\" matcher");
    }
    for (Matcher matcher : matchers) {
      if (!REQUEST_LABEL.matcher(matcher.label()).matches() || matcher.label().length() > 63) {
        problems.add("label no valid request can produce: " + abbreviate(matcher.toString()));
      }
      String value = unescape(matcher.quoted());
      if (value == null || !REQUEST_VALUE.matcher(value).matches()) {
        problems.add("value no valid request can produce: " + abbreviate(matcher.toString()));
      }
    }
  }

  /** The number of matchers in a query of the expected shape. */
  static int matcherCount(String query) {
    return parse(query, PREFIX, new ArrayList<>())
        .map(parsed -> parsed.matchers().size())
        .orElse(0);
  }

  /** Parses matchers from {@code start}; returns the index of the closing brace, or -1. */
  private static int parseMatchers(
      String query, int start, List<Matcher> matchers, List<String> problems) {
    int i = start;
    while (true) {
      int labelStart = i;
      if (i >= query.length() || !LABEL_START.matcher(query.substring(i, i + 1)).matches()) {
        problems.add("expected a label name at " + i + ": " + around(query, i));
        return -1;
      }
      while (i < query.length() && isLabelChar(query.charAt(i))) {
        i++;
      }
      String label = query.substring(labelStart, i);
      String operator;
      if (query.startsWith("=~", i) || query.startsWith("!~", i) || query.startsWith("!=", i)) {
        operator = query.substring(i, i + 2);
      } else if (query.startsWith("=", i)) {
        operator = "=";
      } else {
        problems.add("expected a matching operator at " + i + ": " + around(query, i));
        return -1;
      }
      i += operator.length();
      if (i >= query.length() || query.charAt(i) != '"') {
        problems.add("expected a quoted value at " + i + ": " + around(query, i));
        return -1;
      }
      int valueStart = ++i;
      while (i < query.length() && query.charAt(i) != '"') {
        i += query.charAt(i) == '\\' ? 2 : 1;
      }
      if (i >= query.length()) {
        problems.add("unterminated string from " + valueStart + ": " + around(query, valueStart));
        return -1;
      }
      matchers.add(new Matcher(label, operator, query.substring(valueStart, i)));
      i++;
      if (i < query.length() && query.charAt(i) == ',') {
        i++;
      } else if (i < query.length() && query.charAt(i) == '}') {
        return i;
      } else {
        problems.add("expected ',' or '}' at " + i + ": " + around(query, i));
        return -1;
      }
    }
  }

  private static boolean isLabelChar(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** Undoes {@code \\}; any other escape gives null (no valid request needs one). */
  private static String unescape(String quoted) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\') {
        if (i + 1 >= quoted.length() || quoted.charAt(i + 1) != '\\') {
          return null;
        }
        i++;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String around(String query, int index) {
    int from = Math.max(0, index - 40);
    int to = Math.min(query.length(), index + 40);
    return "..." + query.substring(from, to) + "...";
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
