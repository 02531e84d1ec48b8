package dev.metricsadapter.query;

/**
 * Go string-literal quoting, as Go's {@code strconv.Quote} (and {@code fmt}'s {@code %q}) writes it
 * and as PromQL reads it. PromQL string literals follow Go's escaping rules, so a value quoted here
 * is always read back by Prometheus as exactly the original text.
 */
public final class GoStrings {

  private GoStrings() {}

  /**
   * Quotes {@code value} as a double-quoted Go string: {@code \} and {@code "} are escaped, the
   * usual control characters use their short escapes, other non-printable characters use {@code
   * \xNN}, {@code \\uNNNN} or {@code \UNNNNNNNN}, and printable Unicode is kept as is.
   */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    value
        .codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case 0x0B -> out.append("\\v");
                default -> appendCodePoint(out, c);
              }
            });
    return out.append('"').toString();
  }

  private static void appendCodePoint(StringBuilder out, int c) {
    if (isPrintable(c)) {
      out.appendCodePoint(c);
    } else if (c < 0x80) {
      out.append(String.format("\\x%02x", c));
    } else if (c < 0x10000) {
      out.append(String.format("\\u%04x", c));
    } else {
      out.append(String.format("\\U%08x", c));
    }
  }

  private static boolean isPrintable(int c) {
    if (c < 0x20 || c == 0x7F) {
      return false;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.UNASSIGNED,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      case Character.SPACE_SEPARATOR -> c == ' ';
      default -> true;
    };
  }

  /**
   * Reads a Go string literal: double-quoted with backslash escapes, or back-quoted (raw).
   *
   * @throws TemplateException if the literal is malformed
   */
  public static String unquote(String literal) {
    if (literal.length() >= 2 && literal.startsWith("`") && literal.endsWith("`")) {
      return literal.substring(1, literal.length() - 1);
    }
    if (literal.length() < 2 || !literal.startsWith("\"") || !literal.endsWith("\"")) {
      throw new TemplateException("malformed string literal " + literal);
    }
    String body = literal.substring(1, literal.length() - 1);
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i == body.length()) {
        throw new TemplateException("malformed string literal " + literal);
      }
      char e = body.charAt(i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case '\\', '"', '\'' -> out.append(e);
        case 'x', 'u', 'U' -> {
          int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (i + digits >= body.length()) {
            throw new TemplateException("malformed escape in string literal " + literal);
          }
          try {
            out.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 1 + digits), 16));
          } catch (RuntimeException malformed) {
            throw new TemplateException("malformed escape in string literal " + literal);
          }
          i += digits;
        }
        default -> throw new TemplateException("unsupported escape \\" + e + " in " + literal);
      }
    }
    return out.toString();
  }
}
