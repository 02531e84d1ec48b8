package dev.metricsadapter.request;

import dev.metricsadapter.failure.BadRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a raw (percent-encoded) request path into decoded segments; malformed encoding is a 400.
 */
final class PathSegments {

  private PathSegments() {}

  /**
   * The decoded, non-empty segments of {@code rawPath} ({@code /a//b/} gives {@code [a, b]}); a
   * {@code .} or {@code ..} segment or an encoded slash is a 400, so every layer sees one path;
   * {@code %2A} decodes to {@code *}, and {@code +} stays a plus sign.
   *
   * @throws BadRequestException for malformed percent-encoding or invalid UTF-8
   */
  static List<String> of(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String raw : rawPath.split("/")) {
      if (!raw.isEmpty()) {
        String segment = decode(raw);
        if (segment.equals(".") || segment.equals("..") || segment.indexOf('/') >= 0) {
          throw new BadRequestException(
              "invalid path: dot segments and encoded slashes are not allowed");
        }
        segments.add(segment);
      }
    }
    return segments;
  }

  private static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (i + 2 >= raw.length()) {
        throw new BadRequestException("malformed percent-encoding in path segment \"" + raw + "\"");
      }
      int high = Character.digit(raw.charAt(i + 1), 16);
      int low = Character.digit(raw.charAt(i + 2), 16);
      if (high < 0 || low < 0) {
        throw new BadRequestException("malformed percent-encoding in path segment \"" + raw + "\"");
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadRequestException("path segment \"" + raw + "\" is not UTF-8");
    }
  }
}
