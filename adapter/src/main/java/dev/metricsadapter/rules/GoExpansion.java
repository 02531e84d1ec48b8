package dev.metricsadapter.rules;

import com.google.re2j.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A replacement template with the exact semantics of Go's {@code regexp.Expand}: {@code $name} and
 * {@code ${name}} where a name is the longest run of letters, digits and underscores; a numeric
 * name refers to a group by index (no leading zeros); an unknown group expands to nothing; {@code
 * $$} is a literal {@code $}; a malformed reference is kept as text. Hence {@code $1_per_second}
 * refers to the group <em>named</em> {@code 1_per_second}. Immutable.
 */
public final class GoExpansion {

  /**
   * One reference in a template.
   *
   * @param name the name as written ({@code 1}, {@code 1_per_second}, {@code host})
   * @param index the group index for a numeric name, else -1
   */
  public record Reference(String name, int index) {}

  private sealed interface Part permits Literal, ReferencePart {}

  private record Literal(String text) implements Part {}

  private record ReferencePart(Reference reference) implements Part {}

  private final String template;
  private final List<Part> parts;

  private GoExpansion(String template, List<Part> parts) {
    this.template = template;
    this.parts = List.copyOf(parts);
  }

  /** Parses {@code template}; every text is a valid template. */
  public static GoExpansion parse(String template) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int dollar = template.indexOf('$', i);
      if (dollar < 0) {
        literal.append(template, i, template.length());
        break;
      }
      literal.append(template, i, dollar);
      i = dollar + 1;
      if (i < template.length() && template.charAt(i) == '$') {
        literal.append('$');
        i++;
        continue;
      }
      int end = referenceEnd(template, i);
      if (end < 0) {
        literal.append('$');
        continue;
      }
      boolean braced = template.charAt(i) == '{';
      String name = template.substring(braced ? i + 1 : i, braced ? end - 1 : end);
      if (!literal.isEmpty()) {
        parts.add(new Literal(literal.toString()));
        literal.setLength(0);
      }
      parts.add(new ReferencePart(new Reference(name, groupIndex(name))));
      i = end;
    }
    if (!literal.isEmpty()) {
      parts.add(new Literal(literal.toString()));
    }
    return new GoExpansion(template, parts);
  }

  /** End (exclusive) of the reference starting at {@code start} (just after '$'), or -1. */
  private static int referenceEnd(String text, int start) {
    if (start >= text.length()) {
      return -1;
    }
    boolean braced = text.charAt(start) == '{';
    int i = braced ? start + 1 : start;
    int nameStart = i;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      if (!Character.isLetter(c) && !Character.isDigit(c) && c != '_') {
        break;
      }
      i += Character.charCount(c);
    }
    if (i == nameStart) {
      return -1;
    }
    if (braced) {
      return i < text.length() && text.charAt(i) == '}' ? i + 1 : -1;
    }
    return i;
  }

  private static int groupIndex(String name) {
    if (name.length() > 1 && name.charAt(0) == '0') {
      return -1;
    }
    long number = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9' || number >= 100_000_000) {
        return -1;
      }
      number = number * 10 + (c - '0');
    }
    return (int) number;
  }

  /** The group references, in order. */
  public List<Reference> references() {
    return parts.stream()
        .filter(p -> p instanceof ReferencePart)
        .map(p -> ((ReferencePart) p).reference())
        .toList();
  }

  /**
   * Expands the template against a successful match.
   *
   * @param match a matcher positioned on a match
   * @param namedGroups the pattern's group names and indexes
   */
  public String expand(Matcher match, Map<String, Integer> namedGroups) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        out.append(literal.text());
      } else if (part instanceof ReferencePart ref) {
        int index =
            ref.reference().index() >= 0
                ? ref.reference().index()
                : namedGroups.getOrDefault(ref.reference().name(), -1);
        if (index >= 0 && index <= match.groupCount() && match.group(index) != null) {
          out.append(match.group(index));
        }
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return template;
  }
}
