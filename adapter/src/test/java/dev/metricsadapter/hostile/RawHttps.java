package dev.metricsadapter.hostile;

import dev.metricsadapter.testing.TrustAllCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Sends bytes as they are over a fresh TLS 1.3 connection (no HTTP client normalizes them) and
 * reads one HTTP/1.1 response: status line, headers, and the body up to its Content-Length or the
 * end of the connection. Trusts any certificate: these tests check behaviour, not trust.
 */
final class RawHttps {

  /** What came back: a status ({@code -1} when the connection closed without a response). */
  record Outcome(int status, String head, String body, long millis) {
    boolean closed() {
      return status == -1;
    }

    String describe() {
      if (closed()) {
        return "connection closed without a response (" + head + ")";
      }
      String first = head.lines().findFirst().orElse("");
      String text = body.length() > 300 ? body.substring(0, 300) + "..." : body;
      return first + " " + text;
    }
  }

  /** Neither a response nor a closed connection within the read timeout. */
  static final class HangException extends IOException {
    private static final long serialVersionUID = 1L;

    HangException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final int MAX_BODY = 256 * 1024;

  private final SSLContext tls;
  private final int port;
  private final int readTimeoutMillis;

  RawHttps(int port, int readTimeoutMillis) {
    this.port = port;
    this.readTimeoutMillis = readTimeoutMillis;
    this.tls = TrustAllCertificates.context("TLSv1.3");
  }

  /** The value of the Host header for this server. */
  String host() {
    return "127.0.0.1:" + port;
  }

  /**
   * Sends {@code request} and reads the answer.
   *
   * @param head whether the request is a HEAD (whose response has no body)
   * @throws HangException when the server neither answers nor closes within the read timeout
   */
  Outcome exchange(byte[] request, boolean head) throws IOException {
    long started = System.nanoTime();
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(readTimeoutMillis);
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.startHandshake();
      String writeFailure = null;
      try {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // The server may answer (414/431) and close before it has read everything we send.
        writeFailure = e.toString();
      }
      return read(socket.getInputStream(), head, started, writeFailure);
    }
  }

  private Outcome read(InputStream in, boolean head, long started, String writeFailure)
      throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try {
      while (true) {
        int headEnd = headEnd(received.toByteArray());
        if (headEnd < 0) {
          if (!readSome(in, received)) {
            return closedOrPartial(received, started, writeFailure);
          }
          continue;
        }
        String head1 = new String(received.toByteArray(), 0, headEnd, StandardCharsets.ISO_8859_1);
        int status = status(head1);
        if (status >= 100 && status < 200) {
          byte[] rest = received.toByteArray();
          received.reset();
          received.write(rest, headEnd + 4, rest.length - headEnd - 4);
          continue;
        }
        long length = head || status == 204 || status == 304 ? 0 : contentLength(head1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] all = received.toByteArray();
        body.write(all, headEnd + 4, all.length - headEnd - 4);
        while ((length < 0 || body.size() < length) && body.size() < MAX_BODY) {
          if (!readSome(in, body)) {
            break;
          }
        }
        return new Outcome(
            status,
            head1,
            body.toString(StandardCharsets.UTF_8),
            (System.nanoTime() - started) / 1_000_000);
      }
    } catch (SocketTimeoutException e) {
      throw new HangException(
          "no response and no close within "
              + readTimeoutMillis
              + " ms; received so far: "
              + received.toString(StandardCharsets.ISO_8859_1),
          e);
    }
  }

  private static Outcome closedOrPartial(
      ByteArrayOutputStream received, long started, String writeFailure) {
    String partial = received.toString(StandardCharsets.ISO_8859_1);
    if (partial.matches("(?s)\\S+ \\d{3}( .*)?")) {
      // A status line without a complete head: still an answer.
      return new Outcome(status(partial), partial, "", (System.nanoTime() - started) / 1_000_000);
    }
    String why = partial.isEmpty() ? "no bytes" : "garbage: " + partial;
    if (writeFailure != null) {
      why += "; write failed: " + writeFailure;
    }
    return new Outcome(-1, why, "", (System.nanoTime() - started) / 1_000_000);
  }

  /** Reads into {@code out}; false at the end of the stream (or a reset, which is a close). */
  private static boolean readSome(InputStream in, ByteArrayOutputStream out) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    int n;
    try {
      n = in.read(buffer);
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      return false;
    }
    if (n < 0) {
      return false;
    }
    out.write(buffer, 0, n);
    return true;
  }

  private static int headEnd(byte[] bytes) {
    for (int i = 0; i + 3 < bytes.length; i++) {
      if (bytes[i] == '\r'
          && bytes[i + 1] == '\n'
          && bytes[i + 2] == '\r'
          && bytes[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int status(String head) {
    // The server echoes an unknown version token (HTTPS/1.1 501 ...): any token, then the code.
    String[] parts = head.split(" ", 3);
    if (parts.length < 2 || !parts[1].trim().matches("\\d{3}")) {
      throw new IllegalStateException("not an HTTP response: " + head);
    }
    return Integer.parseInt(parts[1].trim());
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
        return Long.parseLong(line.substring(colon + 1).trim());
      }
    }
    return -1;
  }
}
