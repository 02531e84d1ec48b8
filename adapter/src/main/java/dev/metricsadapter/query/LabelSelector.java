package dev.metricsadapter.query;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A parsed Kubernetes label selector ({@code app=web,tier in (a,b),!canary}), validated with the
 * same rules as the Kubernetes API server: keys are qualified names, values are label values, and
 * {@code >}/{@code <} take integers. Requirements are sorted by key and set values are sorted, as
 * Kubernetes does, so equal selectors print and translate identically. Immutable.
 *
 * @param requirements the requirements, sorted by key; empty selects everything
 */
public record LabelSelector(List<Requirement> requirements) {

  /** The selector that selects everything. */
  public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  /** A selector operator, with the text Kubernetes prints for it. */
  public enum Operator {
    EQUALS("="),
    DOUBLE_EQUALS("=="),
    NOT_EQUALS("!="),
    IN("in"),
    NOT_IN("notin"),
    EXISTS(""),
    DOES_NOT_EXIST("!"),
    GREATER_THAN(">"),
    LESS_THAN("<");

    private final String text;

    Operator(String text) {
      this.text = text;
    }

    /** The operator as written in a selector. */
    public String text() {
      return text;
    }
  }

  /**
   * One requirement of a selector.
   *
   * @param key the label key
   * @param operator how the key's value is tested
   * @param values sorted values; one for equality and comparison operators, none for existence
   */
  public record Requirement(String key, Operator operator, List<String> values) {
    public Requirement {
      values = List.copyOf(values);
    }

    /** Whether a set of labels satisfies this requirement, with Kubernetes' semantics. */
    public boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case EQUALS, DOUBLE_EQUALS, IN -> value != null && values.contains(value);
        case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case DOES_NOT_EXIST -> value == null;
        case GREATER_THAN, LESS_THAN -> compares(value);
      };
    }

    private boolean compares(String value) {
      if (value == null || !INTEGER.matcher(value).matches()) {
        return false;
      }
      int order = new BigInteger(value).compareTo(new BigInteger(values.get(0)));
      return operator == Operator.GREATER_THAN ? order > 0 : order < 0;
    }

    @Override
    public String toString() {
      return switch (operator) {
        case EXISTS -> key;
        case DOES_NOT_EXIST -> "!" + key;
        case IN, NOT_IN -> key + " " + operator.text() + " (" + String.join(",", values) + ")";
        default -> key + operator.text() + values.get(0);
      };
    }
  }

  public LabelSelector {
    requirements = requirements.stream().sorted(Comparator.comparing(Requirement::key)).toList();
  }

  /** Whether {@code labels} satisfy every requirement. */
  public boolean matches(Map<String, String> labels) {
    return requirements.stream().allMatch(r -> r.matches(labels));
  }

  /** Whether this selector selects everything. */
  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  /**
   * Parses a selector in Kubernetes' string syntax; {@code null} or blank selects everything.
   *
   * @throws SelectorException with a message that names the offending part
   */
  public static LabelSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    return new LabelSelector(new Parser(selector).parse());
  }

  @Override
  public String toString() {
    return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
  }

  static void validateKey(String key, String selector) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        throw new SelectorException(
            "invalid label key \""
                + key
                + "\" in selector \""
                + selector
                + "\": prefix must be a DNS subdomain");
      }
    }
    if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
      throw new SelectorException(
          "invalid label key \""
              + key
              + "\" in selector \""
              + selector
              + "\": name part must be at most 63 characters of [A-Za-z0-9-_.],"
              + " starting and ending with an alphanumeric character");
    }
  }

  static void validateValue(String value, String selector) {
    if (value.length() > 63 || !(value.isEmpty() || NAME.matcher(value).matches())) {
      throw new SelectorException(
          "invalid label value \""
              + value
              + "\" in selector \""
              + selector
              + "\": must be at most 63 characters of [A-Za-z0-9-_.],"
              + " starting and ending with an alphanumeric character");
    }
  }

  /** A small recursive-descent parser over Kubernetes' selector tokens. */
  private static final class Parser {
    private static final String SPECIAL = "!=,()<>";
    private final String input;
    private int position;

    Parser(String input) {
      this.input = input;
    }

    List<Requirement> parse() {
      List<Requirement> requirements = new ArrayList<>();
      do {
        requirements.add(requirement());
      } while (consume(","));
      skipSpace();
      if (position < input.length()) {
        throw error("unexpected \"" + input.substring(position) + "\"");
      }
      return requirements;
    }

    private Requirement requirement() {
      if (consume("!")) {
        String key = identifier("label key");
        validateKey(key, input);
        return new Requirement(key, Operator.DOES_NOT_EXIST, List.of());
      }
      String key = identifier("label key");
      validateKey(key, input);
      skipSpace();
      if (position == input.length() || peek(",")) {
        return new Requirement(key, Operator.EXISTS, List.of());
      }
      Operator operator = operator();
      return switch (operator) {
        case IN, NOT_IN -> new Requirement(key, operator, valueSet());
        case GREATER_THAN, LESS_THAN -> {
          String value = identifier("integer");
          if (!INTEGER.matcher(value).matches()) {
            throw error("operator " + operator.text() + " needs an integer, not \"" + value + "\"");
          }
          yield new Requirement(key, operator, List.of(value));
        }
        default -> {
          String value = optionalIdentifier();
          validateValue(value, input);
          yield new Requirement(key, operator, List.of(value));
        }
      };
    }

    private Operator operator() {
      if (consume("==")) {
        return Operator.DOUBLE_EQUALS;
      }
      if (consume("!=")) {
        return Operator.NOT_EQUALS;
      }
      if (consume("=")) {
        return Operator.EQUALS;
      }
      if (consume(">")) {
        return Operator.GREATER_THAN;
      }
      if (consume("<")) {
        return Operator.LESS_THAN;
      }
      String word = optionalIdentifier();
      if (word.equals("in")) {
        return Operator.IN;
      }
      if (word.equals("notin")) {
        return Operator.NOT_IN;
      }
      throw error("expected an operator (=, ==, !=, in, notin, <, >) but found \"" + word + "\"");
    }

    private List<String> valueSet() {
      if (!consume("(")) {
        throw error("expected \"(\" after in/notin");
      }
      TreeSet<String> values = new TreeSet<>();
      do {
        String value = optionalIdentifier();
        validateValue(value, input);
        values.add(value);
      } while (consume(","));
      if (!consume(")")) {
        throw error("expected \")\" to close the value set");
      }
      if (values.equals(new TreeSet<>(List.of("")))) {
        throw error("for 'in' and 'notin' the value set cannot be empty");
      }
      return List.copyOf(values);
    }

    private String identifier(String what) {
      String word = optionalIdentifier();
      if (word.isEmpty()) {
        throw error("expected a " + what);
      }
      return word;
    }

    private String optionalIdentifier() {
      skipSpace();
      int start = position;
      while (position < input.length()
          && !Character.isWhitespace(input.charAt(position))
          && SPECIAL.indexOf(input.charAt(position)) < 0) {
        position++;
      }
      return input.substring(start, position);
    }

    private boolean peek(String token) {
      skipSpace();
      return input.startsWith(token, position);
    }

    private boolean consume(String token) {
      if (peek(token)) {
        position += token.length();
        return true;
      }
      return false;
    }

    private void skipSpace() {
      while (position < input.length() && Character.isWhitespace(input.charAt(position))) {
        position++;
      }
    }

    private SelectorException error(String detail) {
      return new SelectorException(
          "invalid label selector \"" + input + "\" at position " + position + ": " + detail);
    }
  }
}
