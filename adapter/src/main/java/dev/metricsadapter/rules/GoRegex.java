package dev.metricsadapter.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Regular expressions with Go's RE2 syntax and semantics (including {@code (?P<name>re)} groups),
 * as prometheus-adapter evaluates {@code name.matches} and {@code seriesFilters}.
 */
public final class GoRegex {

  private GoRegex() {}

  /**
   * Compiles {@code expression}.
   *
   * @throws IllegalArgumentException with RE2's description of the syntax error
   */
  public static Pattern compile(String expression) {
    try {
      return Pattern.compile(expression);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid regular expression " + quoted(expression) + ": " + e.getDescription(), e);
    }
  }

  static String quoted(String text) {
    return "\"" + text + "\"";
  }
}
