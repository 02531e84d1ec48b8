package dev.metricsadapter.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The corpus of hostile requests in {@code src/test/resources/hostile/requests.txt}; the file's
 * header documents the line format, the escapes and the macros.
 */
final class HostileCorpus {

  static final String RESOURCE = "/hostile/requests.txt";

  static final Set<String> CATEGORIES =
      Set.of(
          "traversal",
          "oversized",
          "encoding",
          "selector",
          "escaping",
          "injection",
          "names",
          "many-terms",
          "unknown-api",
          "method",
          "protocol");

  private static final Pattern MACRO = Pattern.compile("\\[\\[(repeat|seq) (\\d+):(.*?)]]");
  private static final Pattern EXPECT =
      Pattern.compile("(\\d{3}|[1-5]xx|closed)(\\|(\\d{3}|[1-5]xx|closed))*");

  private HostileCorpus() {}

  /**
   * One corpus line.
   *
   * @param line the line number in the file
   * @param expect the acceptable outcomes ({@code 405}, {@code 4xx}, {@code closed})
   * @param category the category
   * @param method the method, or {@code RAW}
   * @param target the request target (or the whole request for {@code RAW}), unexpanded
   * @param fields header lines and pseudo-fields, unexpanded
   */
  record Entry(
      int line,
      List<String> expect,
      String category,
      String method,
      String target,
      List<String> fields) {

    /** Whether a response with {@code status} (or {@code -1}: closed) is acceptable. */
    boolean accepts(int status) {
      for (String token : expect) {
        if (token.equals("closed") ? status == -1 : matches(token, status)) {
          return true;
        }
      }
      return false;
    }

    private static boolean matches(String token, int status) {
      if (status < 0) {
        return false;
      }
      return token.endsWith("xx")
          ? status / 100 == token.charAt(0) - '0'
          : status == Integer.parseInt(token);
    }

    boolean isHead() {
      return method.equals("HEAD");
    }

    /** The bytes to send, with {@code host} as the Host header's value. */
    byte[] request(String host) {
      if (method.equals("RAW")) {
        return bytes(target);
      }
      String version = "HTTP/1.1";
      boolean withHost = true;
      String body = null;
      StringBuilder headers = new StringBuilder();
      for (String field : fields) {
        if (field.startsWith("@version=")) {
          version = field.substring("@version=".length());
        } else if (field.equals("@no-host")) {
          withHost = false;
        } else if (field.startsWith("@body=")) {
          body = field.substring("@body=".length());
        } else {
          // A Host field replaces the default one instead of adding a second Host header.
          withHost &= !field.toLowerCase(java.util.Locale.ROOT).startsWith("host:");
          headers.append(field).append("\r\n");
        }
      }
      StringBuilder out = new StringBuilder();
      out.append(method).append(' ').append(target);
      if (!version.isEmpty()) {
        out.append(' ').append(version);
      }
      out.append("\r\n");
      if (withHost) {
        out.append("Host: ").append(host).append("\r\n");
      }
      out.append("Connection: close\r\n").append(headers);
      if (body != null) {
        out.append("Content-Length: ").append(bytes(body).length).append("\r\n");
      }
      out.append("\r\n");
      if (body != null) {
        out.append(body);
      }
      return bytes(out.toString());
    }

    /** A short, printable form for failure messages. */
    String describe() {
      String text = method + " " + target + (fields.isEmpty() ? "" : " " + fields);
      if (text.length() > 160) {
        text = text.substring(0, 160) + "...(" + text.length() + " chars)";
      }
      return "line "
          + line
          + " ["
          + category
          + ", expect "
          + String.join("|", expect)
          + "] "
          + text;
    }
  }

  /** Every entry of the corpus, in file order. */
  static List<Entry> load() {
    try (InputStream in = HostileCorpus.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Entry> parse(String text) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      for (char c : line.toCharArray()) {
        if (c != '\t' && (c < 0x20 || c > 0x7e)) {
          throw new IllegalArgumentException("line " + (i + 1) + ": not printable ASCII");
        }
      }
      String[] parts = line.split("\t", -1);
      if (parts.length < 4 || !EXPECT.matcher(parts[0]).matches()) {
        throw new IllegalArgumentException("line " + (i + 1) + ": malformed entry: " + line);
      }
      if (!CATEGORIES.contains(parts[1])) {
        throw new IllegalArgumentException("line " + (i + 1) + ": unknown category " + parts[1]);
      }
      entries.add(
          new Entry(
              i + 1,
              List.of(parts[0].split("\\|")),
              parts[1],
              parts[2],
              parts[3],
              List.copyOf(Arrays.asList(parts).subList(4, parts.length))));
    }
    return entries;
  }

  /** Expands the macros, then the escapes; every other character is one byte. */
  static byte[] bytes(String field) {
    String expanded = expand(field);
    ByteArrayOutputStream out = new ByteArrayOutputStream(expanded.length());
    for (int i = 0; i < expanded.length(); i++) {
      char c = expanded.charAt(i);
      if (c == '\\' && i + 1 < expanded.length() && expanded.charAt(i + 1) == '\\') {
        out.write('\\');
        i++;
      } else if (c == '\\'
          && i + 3 < expanded.length()
          && expanded.charAt(i + 1) == 'x'
          && Character.digit(expanded.charAt(i + 2), 16) >= 0
          && Character.digit(expanded.charAt(i + 3), 16) >= 0) {
        out.write(Integer.parseInt(expanded.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  static String expand(String field) {
    Matcher macro = MACRO.matcher(field);
    StringBuilder out = new StringBuilder();
    while (macro.find()) {
      int count = Integer.parseInt(macro.group(2));
      String text = macro.group(3);
      StringBuilder expansion = new StringBuilder();
      for (int i = 0; i < count; i++) {
        expansion.append(
            macro.group(1).equals("seq") ? text.replace("{i}", Integer.toString(i)) : text);
      }
      macro.appendReplacement(out, Matcher.quoteReplacement(expansion.toString()));
    }
    macro.appendTail(out);
    return out.toString();
  }
}
