package dev.metricsadapter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code /usr/bin/prometheus}) on a free loopback port, for integration
 * tests. Data can be backfilled from OpenMetrics text with {@code promtool tsdb create-blocks-from
 * openmetrics}, so values are exact and queryable as soon as Prometheus is ready. {@link #stop()}
 * and {@link #start()} restart it on the same port with the same data.
 */
public final class RealPrometheus implements AutoCloseable {

  /** Where Debian installs Prometheus. */
  public static final Path BINARY = Path.of("/usr/bin/prometheus");

  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  private final Path dir;
  private final int port;
  private Process process;

  private RealPrometheus(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Whether Prometheus and promtool are installed. */
  public static boolean installed() {
    return Files.isExecutable(BINARY) && Files.isExecutable(PROMTOOL);
  }

  /**
   * Backfills {@code openMetrics} (if not null) into a TSDB under {@code dir} and starts Prometheus
   * on it, waiting (at most 60 s) until it is ready.
   */
  public static RealPrometheus start(Path dir, String openMetrics) throws IOException {
    return start(dir, openMetrics, "scrape_configs: []\n");
  }

  /** As {@link #start(Path, String)}, with {@code config} as prometheus.yml. */
  public static RealPrometheus start(Path dir, String openMetrics, String config)
      throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    if (openMetrics != null) {
      Path input = Files.writeString(dir.resolve("backfill.om"), openMetrics);
      run(
          List.of(
              PROMTOOL.toString(),
              "tsdb",
              "create-blocks-from",
              "openmetrics",
              input.toString(),
              data.toString()),
          dir);
    }
    Files.writeString(dir.resolve("prometheus.yml"), config);
    RealPrometheus prometheus = new RealPrometheus(dir, freePort());
    prometheus.start();
    return prometheus;
  }

  /** Starts (or restarts) Prometheus and waits until it is ready. */
  public void start() throws IOException {
    process =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(url().resolve("/-/ready")).timeout(Duration.ofSeconds(1)).build();
    ProcessReadiness.await(
        "Prometheus on port " + port,
        process,
        this::log,
        () -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
  }

  /** Stops Prometheus (the data stays for {@link #start()}). */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:39123}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Prometheus' own log so far. */
  public String log() {
    try {
      return Files.readString(dir.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A port free on the loopback interface right now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void run(List<String> command, Path dir) throws IOException {
    Path log = dir.resolve("promtool.log");
    Process tool =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!tool.waitFor(120, TimeUnit.SECONDS) || tool.exitValue() != 0) {
        throw new IllegalStateException("promtool failed: " + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted", e));
    }
  }
}
