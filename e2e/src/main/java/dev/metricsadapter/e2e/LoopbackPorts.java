package dev.metricsadapter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1. Thread-safe. */
final class LoopbackPorts {
  private LoopbackPorts() {}

  /**
   * A port that was free on 127.0.0.1 a moment ago, chosen by the kernel. Another process may take
   * it before the caller binds it; callers that start a server on it retry on failure.
   */
  static int free() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    }
  }
}
