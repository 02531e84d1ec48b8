package dev.metricsadapter.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled template in the subset of Go's {@code text/template} that prometheus-adapter rule
 * files use, with {@code <<} and {@code >>} as delimiters.
 *
 * <p>Supported actions: {@code <<.Field>>} and {@code <<index .Map "key">>} (the key as a Go
 * double-quoted or back-quoted string), with optional surrounding spaces and Go's trim markers
 * ({@code <<- } and {@code ->>}), which drop the white space before or after the action. Fields
 * must belong to the template's {@link TemplateVocabulary}. Every other construct fails at
 * compilation, never at render time. Instances are immutable and thread-safe.
 */
public final class Template {

  private static final String OPEN = "<<";
  private static final String CLOSE = ">>";
  private static final Pattern FIELD = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern INDEX =
      Pattern.compile("index\\s+\\.([A-Za-z_][A-Za-z0-9_]*)\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)");

  private sealed interface Part permits Text, Field, MapEntry {}

  private record Text(String text) implements Part {}

  private record Field(String name) implements Part {}

  private record MapEntry(String map, String key) implements Part {}

  private final String source;
  private final List<Part> parts;

  private Template(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /**
   * Compiles {@code source}.
   *
   * @throws TemplateException naming and quoting the first construct that is not supported
   */
  public static Template compile(String source, TemplateVocabulary vocabulary) {
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int position = 0;
    boolean trimNextText = false;
    while (position < source.length()) {
      int open = source.indexOf(OPEN, position);
      String literal = open < 0 ? source.substring(position) : source.substring(position, open);
      text.append(trimNextText ? literal.stripLeading() : literal);
      if (open < 0) {
        break;
      }
      int close = source.indexOf(CLOSE, open + OPEN.length());
      if (close < 0) {
        throw new TemplateException(
            "unclosed action starting at \"" + source.substring(open) + "\"");
      }
      String action = source.substring(open + OPEN.length(), close);
      String quoted = OPEN + action + CLOSE;
      if (action.startsWith("- ")) {
        text.setLength(text.toString().stripTrailing().length());
        action = action.substring(2);
      }
      trimNextText = action.endsWith(" -");
      if (trimNextText) {
        action = action.substring(0, action.length() - 2);
      }
      if (!text.isEmpty()) {
        parts.add(new Text(text.toString()));
        text.setLength(0);
      }
      parts.add(parseAction(action.strip(), quoted, vocabulary));
      position = close + CLOSE.length();
    }
    if (!text.isEmpty()) {
      parts.add(new Text(text.toString()));
    }
    return new Template(source, parts);
  }

  private static Part parseAction(String action, String quoted, TemplateVocabulary vocabulary) {
    Matcher field = FIELD.matcher(action);
    if (field.matches()) {
      String name = field.group(1);
      if (!vocabulary.fields().contains(name)) {
        throw new TemplateException(
            "unknown field \"."
                + name
                + "\" in \""
                + quoted
                + "\"; supported: "
                + describe(vocabulary));
      }
      return new Field(name);
    }
    Matcher index = INDEX.matcher(action);
    if (index.matches()) {
      String map = index.group(1);
      if (!vocabulary.maps().contains(map)) {
        throw new TemplateException(
            "unknown map \"."
                + map
                + "\" in \""
                + quoted
                + "\"; supported: "
                + describe(vocabulary));
      }
      return new MapEntry(map, GoStrings.unquote(index.group(2)));
    }
    throw new TemplateException(
        "unsupported template construct \"" + quoted + "\"; supported: " + describe(vocabulary));
  }

  private static String describe(TemplateVocabulary vocabulary) {
    List<String> forms = new ArrayList<>();
    vocabulary.fields().stream().sorted().forEach(f -> forms.add("<<." + f + ">>"));
    vocabulary.maps().stream().sorted().forEach(m -> forms.add("<<index ." + m + " \"label\">>"));
    return String.join(", ", forms);
  }

  /** Whether the template prints the plain field {@code name} anywhere. */
  public boolean references(String name) {
    return parts.stream().anyMatch(part -> part instanceof Field f && f.name().equals(name));
  }

  /**
   * Renders the template. A field without a value, or a map key that is absent, renders as the
   * empty string, as Go's templates do for missing map keys.
   *
   * @param fields values of plain fields
   * @param maps values of map fields
   */
  public String render(Map<String, String> fields, Map<String, Map<String, String>> maps) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Text t) {
        out.append(t.text());
      } else if (part instanceof Field f) {
        out.append(fields.getOrDefault(f.name(), ""));
      } else if (part instanceof MapEntry e) {
        out.append(maps.getOrDefault(e.map(), Map.of()).getOrDefault(e.key(), ""));
      }
    }
    return out.toString();
  }

  /** The template text as written in the rule file. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }
}
