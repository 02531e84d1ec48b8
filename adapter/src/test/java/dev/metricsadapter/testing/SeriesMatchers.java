package dev.metricsadapter.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Selects series by a {@code match[]} selector the way Prometheus does, for stand-ins of
 * Prometheus: every {@code label(=|!=|=~|!~)"value"} matcher must hold, a missing label counts as
 * empty, regular expressions are anchored. Handles the selectors the adapter sends (quoted values
 * with backslash escapes, thousands of matchers); not a PromQL parser.
 */
public final class SeriesMatchers {

  // Unrolled and possessive, so that long values do not recurse deeply.
  private static final Pattern MATCHER =
      Pattern.compile(
          "([a-zA-Z_][a-zA-Z0-9_]*)(=~|!~|!=|=)\"([^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\"");
  private static final Pattern ESCAPE = Pattern.compile("\\\\(.)");

  private record Term(String label, String operator, String value) {
    boolean holds(Map<String, String> labels) {
      String actual = labels.getOrDefault(label, "");
      return switch (operator) {
        case "=" -> actual.equals(value);
        case "!=" -> !actual.equals(value);
        case "=~" -> actual.matches(value);
        default -> !actual.matches(value);
      };
    }
  }

  private final List<Term> terms = new ArrayList<>();

  private SeriesMatchers(String match) {
    Matcher matcher = MATCHER.matcher(match);
    while (matcher.find()) {
      terms.add(
          new Term(
              matcher.group(1),
              matcher.group(2),
              ESCAPE.matcher(matcher.group(3)).replaceAll("$1")));
    }
  }

  /** The matchers of {@code match}. */
  public static SeriesMatchers of(String match) {
    return new SeriesMatchers(match);
  }

  /** Whether the series with {@code labels} ({@code __name__} included) is selected. */
  public boolean selects(Map<String, String> labels) {
    return terms.stream().allMatch(term -> term.holds(labels));
  }
}
