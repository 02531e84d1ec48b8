package dev.metricsadapter.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ../demo.sh} run as a child process, its output (stdout and stderr) collected line by line
 * and echoed for the test log. {@link #close()} stops it if it is still running (SIGTERM, which the
 * script traps, then SIGKILL).
 */
final class ScriptRun implements AutoCloseable {

  /** The repository root, from the module directory the tests run in. */
  static final Path REPO = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

  static final Path SCRIPT = REPO.resolve("demo.sh");

  private final Process process;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final Thread reader;

  private ScriptRun(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "demo.sh-output");
    reader.setDaemon(true);
    reader.start();
  }

  static ScriptRun start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    return new ScriptRun(
        new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start());
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        System.out.println("[demo.sh] " + line);
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the exit (at most {@code limit}, then stops it); returns the exit code. */
  int waitFor(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new AssertionError("demo.sh did not finish within " + limit + ":\n" + output());
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  /**
   * Sends SIGTERM, as a supervisor would (Ctrl-C sends SIGINT, handled alike). Through the process
   * handle: {@link Process#destroy()} would also close our end of its output pipe.
   */
  void terminate() {
    process.toHandle().destroy();
  }

  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  String output() {
    return String.join("\n", lines());
  }

  /** Every loopback port the script announced. */
  Set<Integer> announcedPorts() {
    Set<Integer> ports = new TreeSet<>();
    Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(output());
    while (m.find()) {
      ports.add(Integer.parseInt(m.group(1)));
    }
    return ports;
  }

  /** The temp dir the script announced ({@code data in DIR}). */
  Path dataDir() {
    Matcher m = Pattern.compile("data in (\\S+) ").matcher(output());
    if (!m.find()) {
      throw new AssertionError("no data dir announced:\n" + output());
    }
    return Path.of(m.group(1));
  }

  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
