package dev.metricsadapter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests to the demo pods at a rate that can change while it runs, spread round-robin over the
 * pods as they come and go: their addresses are re-read every second from the Prometheus file_sd
 * targets the {@link ProcessKubelet} writes. Every request has a timeout and none waits for
 * another; {@link #close} stops it. Thread-safe.
 */
public final class DemoLoad implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TICK_MILLIS = 20;

  private final Path fileSdDir;
  private final HttpClient http =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(1))
          .build();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "demo-load");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicLong sent = new AtomicLong();
  private volatile List<URI> targets = List.of();
  private volatile double perSecond;
  private double owed;

  private DemoLoad(Path fileSdDir, double perSecond) {
    this.fileSdDir = fileSdDir;
    this.perSecond = perSecond;
  }

  /** Sends {@code perSecond} requests a second (changeable with {@link #rate}) until closed. */
  public static DemoLoad start(Path fileSdDir, double perSecond) {
    DemoLoad load = new DemoLoad(fileSdDir, perSecond);
    load.timer.scheduleWithFixedDelay(load::refreshTargets, 0, 1, TimeUnit.SECONDS);
    load.timer.scheduleAtFixedRate(load::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return load;
  }

  /** Changes the rate from now on. */
  public void rate(double newPerSecond) {
    perSecond = Math.max(0, newPerSecond);
  }

  /** The current rate. */
  public double rate() {
    return perSecond;
  }

  /** Requests sent so far. */
  public long sent() {
    return sent.get();
  }

  /** The pods' addresses it sends to now. */
  public List<URI> targets() {
    return targets;
  }

  private void refreshTargets() {
    List<URI> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(fileSdDir, "*.json")) {
      for (Path file : files) {
        for (JsonNode group : JSON.readTree(file.toFile())) {
          for (JsonNode target : group.path("targets")) {
            found.add(URI.create("http://" + target.asText() + "/"));
          }
        }
      }
    } catch (IOException e) {
      return; // a file being replaced or removed: the next refresh sees the new state
    }
    targets = List.copyOf(found);
  }

  /** Runs on the timer thread only, so {@code owed} needs no lock. */
  private void tick() {
    owed += perSecond * TICK_MILLIS / 1000.0;
    List<URI> now = targets;
    while (owed >= 1) {
      owed -= 1;
      if (now.isEmpty()) {
        continue;
      }
      URI target = now.get((int) (sent.getAndIncrement() % now.size()));
      http.sendAsync(
          HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
