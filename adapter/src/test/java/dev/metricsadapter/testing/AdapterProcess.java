package dev.metricsadapter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The adapter's fat jar ({@code target/metrics-adapter.jar}, built by {@code package} before
 * failsafe runs) started as a real process on a free port, with a plain HTTPS client for requests.
 */
public final class AdapterProcess implements AutoCloseable {

  private static final Path JAR = Path.of("target", "metrics-adapter.jar");
  private static final int TAIL = 4000;

  private final Process process;
  private final Path log;
  private final int port;
  private final HttpClient http;

  private AdapterProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.http =
        HttpClient.newBuilder()
            .sslContext(TrustAllCertificates.context("TLS"))
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  /**
   * Starts the adapter with {@code flags} plus {@code --secure-port}, {@code --bind-address} and
   * {@code --cert-dir} under {@code dir}, and waits (at most 60 s) until {@code /readyz} is 200; an
   * adapter that does not get ready is stopped and its log is in the exception.
   */
  public static AdapterProcess start(Path dir, List<String> flags) throws IOException {
    int port = RealPrometheus.freePort();
    List<String> command =
        new ArrayList<>(List.of("java", "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(flags);
    command.add("--secure-port=" + port);
    command.add("--bind-address=127.0.0.1");
    command.add("--cert-dir=" + dir.resolve("certs"));
    Path log = dir.resolve("adapter-" + port + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    AdapterProcess adapter = new AdapterProcess(process, log, port);
    try {
      ProcessReadiness.await(
          "the adapter on port " + port,
          process,
          adapter::log,
          () -> adapter.get("/readyz").statusCode() == 200);
    } catch (RuntimeException notReady) {
      // Never leave an adapter behind that the test cannot close; its log explains the failure.
      adapter.close();
      throw new IllegalStateException(
          "the adapter on port " + port + " did not become ready: " + adapter.log(), notReady);
    }
    return adapter;
  }

  /** The HTTPS base URL. */
  public URI url() {
    return URI.create("https://127.0.0.1:" + port);
  }

  /** GET {@code path} (with its query string). */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(url().resolve(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * GET {@code path}, asserting that the answer is 200 (the failure message has the path and the
   * body).
   */
  public HttpResponse<String> getOk(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path);
    assertEquals(200, response.statusCode(), () -> path + " -> " + response.body());
    return response;
  }

  /** The adapter's output so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The last {@value #TAIL} characters of {@link #log()}, or all of it. */
  public String logTail() {
    String log = log();
    return log.length() > TAIL ? "..." + log.substring(log.length() - TAIL) : log;
  }

  /** Stops the adapter (at most 15 s, then by force); closing it again does nothing. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
