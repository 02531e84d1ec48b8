package dev.metricsadapter.demo;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helpers: bounded waits on Vert.x futures, reading samples from a scrape, the config of a
 * server under test.
 */
final class Http {

  static final Duration WAIT = Duration.ofSeconds(20);

  private Http() {}

  /** The future's value, failing the test after {@link #WAIT}. */
  static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("no result within " + WAIT, e);
    }
  }

  /** {@code config} listening on 127.0.0.1 and any free port. */
  static ServerConfig onLoopback(ServerConfig config) {
    return new ServerConfig(
        "127.0.0.1",
        0,
        config.latency(),
        config.latencyJitter(),
        config.errorRatio(),
        config.shutdownGrace(),
        config.containerMetrics());
  }

  /**
   * The value of the sample written exactly as {@code series} (name and labels as in the text
   * format, e.g. {@code http_requests_total{method="GET",path="/",code="200",}}), or -1 if absent.
   */
  static double sample(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
