package dev.metricsadapter.cli;

import dev.metricsadapter.naming.Series;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.prometheus.WebClientPrometheusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Prometheus side of {@code check --prometheus-url}: one {@code /api/v1/series} call per
 * distinct seriesQuery, one after the other, with series turned into {@link Series} as discovery
 * does ({@code __name__} becomes the name). Creates its own Vert.x instance and closes it before
 * returning. Blocks the calling thread, which must not be a Vert.x event loop.
 */
final class CheckDryRun {

  /** Extra wait beyond the client's own deadline, so that the client reports its timeout. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /** The dry run could not reach or query Prometheus; the message names the URL and the error. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }

  private CheckDryRun() {}

  /**
   * The series of each query that had samples since {@code start}, by query.
   *
   * @throws Failure at the first query that fails, naming the URL, the query and the error
   */
  static Map<String, List<Series>> fetch(
      PrometheusClientOptions options, Collection<String> queries, Instant start) throws Failure {
    Vertx vertx = Vertx.vertx();
    try (WebClientPrometheusClient client = new WebClientPrometheusClient(vertx, options)) {
      Map<String, List<Series>> answers = new LinkedHashMap<>();
      for (String query : queries) {
        if (!answers.containsKey(query)) {
          answers.put(query, fetch(client, options, query, start));
        }
      }
      return answers;
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new Failure("cannot query Prometheus at " + options.baseUrl() + ": " + e.getMessage());
    } finally {
      close(vertx);
    }
  }

  private static List<Series> fetch(
      WebClientPrometheusClient client,
      PrometheusClientOptions options,
      String query,
      Instant start)
      throws Failure {
    List<Series> series = new ArrayList<>();
    Future<Void> done = client.series(query, start, labels -> series.add(Series.of(labels)));
    try {
      done.toCompletionStage()
          .toCompletableFuture()
          .get(options.timeout().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
      return series;
    } catch (ExecutionException e) {
      throw failure(options, query, e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw failure(options, query, "no answer within " + options.timeout().plus(GRACE));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(options, query, "interrupted");
    }
  }

  private static Failure failure(PrometheusClientOptions options, String query, String error) {
    return new Failure(
        "cannot query Prometheus at "
            + options.baseUrl()
            + " (seriesQuery "
            + query
            + "): "
            + error);
  }

  private static void close(Vertx vertx) {
    try {
      vertx
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Nothing is left to do with it; the command's outcome is already decided.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
