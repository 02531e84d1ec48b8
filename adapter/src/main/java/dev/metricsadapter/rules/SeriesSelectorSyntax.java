package dev.metricsadapter.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a seriesQuery is a series selector Prometheus' {@code /api/v1/series} accepts as
 * {@code match[]}: an optional metric name, optionally followed by label matchers in braces ({@code
 * name{a="x", b=~"y.*"}} or {@code {__name__=~"^x$", a!=""}}), with at least one matcher that does
 * not match the empty string. Values are PromQL strings ({@code "..."}, {@code '...'} or {@code
 * `...`}); regular expressions must be valid RE2. Quoted label names (Prometheus 3) are accepted.
 * Pure and stateless.
 */
public final class SeriesSelectorSyntax {

  private final String text;
  private int at;

  private SeriesSelectorSyntax(String text) {
    this.text = text;
  }

  /**
   * Checks {@code selector}.
   *
   * @throws IllegalArgumentException naming the first problem and its 1-based column
   */
  public static void check(String selector) {
    new SeriesSelectorSyntax(selector).selector();
  }

  private void selector() {
    skipSpace();
    boolean named = false;
    if (at < text.length() && isNameStart(text.charAt(at), true)) {
      identifier(true);
      named = true;
      skipSpace();
    }
    List<Boolean> matchesEmpty = new ArrayList<>();
    if (at < text.length() && text.charAt(at) == '{') {
      at++;
      named |= matchers(matchesEmpty);
    } else if (!named) {
      throw problem("expected a metric name or '{'");
    }
    skipSpace();
    if (at < text.length()) {
      throw problem("unexpected " + describe(text.charAt(at)) + " after the selector");
    }
    if (!named && !matchesEmpty.contains(false)) {
      throw new IllegalArgumentException(
          "not a valid series selector: "
              + quoted()
              + " needs a metric name or a label matcher that does not match the empty string");
    }
  }

  /**
   * Reads matchers up to the closing brace, adding to {@code matchesEmpty} whether each matches the
   * empty string; true if one of them is a quoted metric name.
   */
  private boolean matchers(List<Boolean> matchesEmpty) {
    boolean quotedName = false;
    while (true) {
      skipSpace();
      if (at < text.length() && text.charAt(at) == '}') {
        at++;
        return quotedName;
      }
      if (at >= text.length()) {
        throw problem("missing '}'");
      }
      char first = text.charAt(at);
      boolean quotedLabel = isQuote(first);
      String label;
      if (quotedLabel) {
        label = string();
      } else if (isNameStart(first, false)) {
        label = identifier(false);
      } else {
        throw problem("expected a label name, found " + describe(first));
      }
      skipSpace();
      if (quotedLabel && at < text.length() && (text.charAt(at) == ',' || text.charAt(at) == '}')) {
        quotedName = true; // {"metric.name", ...}: Prometheus 3's quoted metric name
      } else {
        matchesEmpty.add(matcher(label));
        skipSpace();
      }
      if (at < text.length() && text.charAt(at) == ',') {
        at++;
      } else if (at >= text.length()) {
        throw problem("missing '}'");
      } else if (text.charAt(at) != '}') {
        throw problem("expected ',' or '}', found " + describe(text.charAt(at)));
      }
    }
  }

  /** Reads one matcher's operator and value; whether it matches the empty string. */
  private boolean matcher(String label) {
    String operator = operator();
    skipSpace();
    if (at >= text.length() || !isQuote(text.charAt(at))) {
      throw problem("expected a quoted value after " + label + operator);
    }
    String value = string();
    return switch (operator) {
      case "=" -> value.isEmpty();
      case "!=" -> !value.isEmpty();
      default -> regex(label, value).matches("") == operator.equals("=~");
    };
  }

  private static Pattern regex(String label, String value) {
    try {
      return GoRegex.compile(value);
    } catch (IllegalArgumentException e) {
      String reason =
          e.getCause() instanceof PatternSyntaxException syntax
              ? syntax.getDescription()
              : e.getMessage();
      throw new IllegalArgumentException(
          "not a valid series selector: invalid regular expression \""
              + value
              + "\" for "
              + label
              + ": "
              + reason,
          e);
    }
  }

  private String operator() {
    for (String operator : new String[] {"=~", "!~", "!=", "="}) {
      if (text.startsWith(operator, at)) {
        at += operator.length();
        return operator;
      }
    }
    throw problem(
        at >= text.length()
            ? "expected one of = != =~ !~ at the end"
            : "expected one of = != =~ !~, found " + describe(text.charAt(at)));
  }

  private String identifier(boolean metricName) {
    int begin = at;
    while (at < text.length() && isNamePart(text.charAt(at), metricName)) {
      at++;
    }
    return text.substring(begin, at);
  }

  /** Reads a PromQL string literal and returns its value. */
  private String string() {
    int begin = at;
    char quote = text.charAt(at++);
    StringBuilder value = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == quote) {
        return value.toString();
      }
      if (c == '\\' && quote != '`') {
        escape(value);
      } else if (c == '\n' && quote != '`') {
        break;
      } else {
        value.append(c);
      }
    }
    at = begin;
    throw problem("unterminated string");
  }

  private void escape(StringBuilder value) {
    if (at >= text.length()) {
      throw problem("unterminated escape");
    }
    char c = text.charAt(at++);
    switch (c) {
      case 'a' -> value.append('\u0007');
      case 'b' -> value.append('\b');
      case 'f' -> value.append('\f');
      case 'n' -> value.append('\n');
      case 'r' -> value.append('\r');
      case 't' -> value.append('\t');
      case 'v' -> value.append('\u000b');
      case '\\', '\'', '"', '`' -> value.append(c);
      case 'x' -> value.appendCodePoint(digits(2, 16));
      case 'u' -> value.appendCodePoint(digits(4, 16));
      case 'U' -> value.appendCodePoint(digits(8, 16));
      default -> {
        if (c < '0' || c > '7') {
          at--;
          throw problem("unknown escape sequence \\" + c);
        }
        at--;
        value.appendCodePoint(digits(3, 8));
      }
    }
  }

  private int digits(int count, int radix) {
    if (at + count > text.length()) {
      throw problem("incomplete escape sequence");
    }
    try {
      int codePoint = Integer.parseInt(text.substring(at, at + count), radix);
      if (!Character.isValidCodePoint(codePoint)) {
        throw problem("escape sequence is not a valid code point");
      }
      at += count;
      return codePoint;
    } catch (NumberFormatException e) {
      throw problem("malformed escape sequence");
    }
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`';
  }

  private static boolean isNameStart(char c, boolean metricName) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metricName && c == ':');
  }

  private static boolean isNamePart(char c, boolean metricName) {
    return isNameStart(c, metricName) || (c >= '0' && c <= '9');
  }

  private static String describe(char c) {
    return "'" + c + "'";
  }

  private String quoted() {
    return "`" + text + "`";
  }

  private IllegalArgumentException problem(String what) {
    return new IllegalArgumentException(
        "not a valid series selector: " + what + " at column " + (at + 1) + " of " + quoted());
  }
}
