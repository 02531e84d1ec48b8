package dev.metricsadapter.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns series names into metric names with a rule's {@code name.matches} and {@code name.as},
 * exactly as prometheus-adapter does: the (unanchored, RE2) expression is searched in the series
 * name and the metric name is the expansion of {@code as} alone. Immutable and thread-safe.
 */
public final class MetricNamer {

  private final Pattern matches;
  private final GoExpansion as;
  private final Map<String, Integer> namedGroups;
  private final List<String> warnings;

  private MetricNamer(Pattern matches, GoExpansion as, List<String> warnings) {
    this.matches = matches;
    this.as = as;
    this.namedGroups = Map.copyOf(matches.namedGroups());
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Compiles a {@code name} section. An empty {@code matches} means {@code .*}; an empty {@code as}
   * means {@code $0} with no capture groups and {@code $1} with one.
   *
   * @throws IllegalArgumentException for an invalid expression, or an empty {@code as} with more
   *     than one capture group
   */
  public static MetricNamer compile(NameSpec spec) {
    String expression = spec.matches().isEmpty() ? ".*" : spec.matches();
    Pattern pattern = GoRegex.compile(expression);
    int groups = pattern.groupCount();
    String as = spec.as();
    if (as.isEmpty()) {
      if (groups > 1) {
        throw new IllegalArgumentException(
            "required when 'matches' has "
                + groups
                + " capture groups: say which to use, e.g. \"${1}_${2}\"");
      }
      as = groups == 0 ? "$0" : "$1";
    }
    GoExpansion expansion = GoExpansion.parse(as);
    return new MetricNamer(pattern, expansion, warnings(expansion, pattern));
  }

  /** The {@code matches} expression as compiled. */
  String expression() {
    return matches.pattern();
  }

  private static List<String> warnings(GoExpansion as, Pattern pattern) {
    List<String> warnings = new ArrayList<>();
    for (GoExpansion.Reference ref : as.references()) {
      if (ref.index() > pattern.groupCount()) {
        warnings.add(
            "'$"
                + ref.name()
                + "' refers to capture group "
                + ref.index()
                + " but 'matches' has "
                + pattern.groupCount()
                + "; it expands to nothing");
      } else if (ref.index() < 0 && !pattern.namedGroups().containsKey(ref.name())) {
        String hint =
            Character.isDigit(ref.name().charAt(0))
                ? "; Go reads '$"
                    + ref.name()
                    + "' as the group named '"
                    + ref.name()
                    + "', write '${"
                    + leadingDigits(ref.name())
                    + "}"
                    + ref.name().substring(leadingDigits(ref.name()).length())
                    + "'"
                : "";
        warnings.add(
            "'$"
                + ref.name()
                + "' refers to a group named '"
                + ref.name()
                + "' that 'matches' does not define, so it expands to nothing"
                + hint);
      }
    }
    return warnings;
  }

  private static String leadingDigits(String name) {
    int i = 0;
    while (i < name.length() && Character.isDigit(name.charAt(i))) {
      i++;
    }
    return name.substring(0, i);
  }

  /** Whether the series name matches {@code name.matches} (the implicit series filter). */
  public boolean matches(String seriesName) {
    return matches.matcher(seriesName).find();
  }

  /** The metric name for {@code seriesName}; empty if it does not match or expands to nothing. */
  public Optional<String> metricName(String seriesName) {
    Matcher matcher = matches.matcher(seriesName);
    if (!matcher.find()) {
      return Optional.empty();
    }
    String name = as.expand(matcher, namedGroups);
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  /** Load-time warnings about {@code as}, such as references to groups that do not exist. */
  public List<String> warnings() {
    return warnings;
  }
}
