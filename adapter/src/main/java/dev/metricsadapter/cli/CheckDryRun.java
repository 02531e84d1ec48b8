package dev.metricsadapter.cli;

import dev.metricsadapter.naming.Series;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.prometheus.PrometheusException;
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
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Prometheus side of {@code check --prometheus-url}: one {@code /api/v1/series} call per
 * distinct seriesQuery and one instant query per sample request, one after the other, with series
 * turned into {@link Series} as discovery does ({@code __name__} becomes the name). A query that
 * Prometheus refuses ({@link PrometheusException#isQueryRejected}) is that query's result; any
 * other failure (unreachable, too slow, an unreadable answer) stops the dry run with {@link
 * Failure}. Owns a Vert.x instance until closed. Blocks the calling thread, which must not be a
 * Vert.x event loop.
 */
final class CheckDryRun implements AutoCloseable {

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

  /**
   * What the seriesQueries returned.
   *
   * @param series the series of each query Prometheus answered
   * @param refused Prometheus' reason for each query it refused
   */
  record SeriesAnswers(Map<String, List<Series>> series, Map<String, String> refused) {}

  private final PrometheusClientOptions options;
  private final Vertx vertx;
  private final WebClientPrometheusClient client;

  private CheckDryRun(PrometheusClientOptions options, Vertx vertx) {
    this.options = options;
    this.vertx = vertx;
    this.client = new WebClientPrometheusClient(vertx, options);
  }

  /**
   * A dry run against the Prometheus of {@code options}.
   *
   * @throws Failure if the client cannot be built from the options (e.g. unreadable TLS files)
   */
  static CheckDryRun open(PrometheusClientOptions options) throws Failure {
    Vertx vertx = Vertx.vertx();
    try {
      return new CheckDryRun(options, vertx);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      close(vertx);
      throw new Failure("cannot query Prometheus at " + options.baseUrl() + ": " + e.getMessage());
    }
  }

  /**
   * The series of each query that had samples since {@code start}.
   *
   * @throws Failure at the first query that fails for another reason than a refusal
   */
  SeriesAnswers series(Collection<String> queries, Instant start) throws Failure {
    Map<String, List<Series>> answers = new LinkedHashMap<>();
    Map<String, String> refused = new LinkedHashMap<>();
    for (String query : queries) {
      if (answers.containsKey(query) || refused.containsKey(query)) {
        continue;
      }
      List<Series> series = new ArrayList<>();
      await(
              client.series(query, start, labels -> series.add(Series.of(labels))),
              "seriesQuery " + query)
          .ifPresentOrElse(reason -> refused.put(query, reason), () -> answers.put(query, series));
    }
    return new SeriesAnswers(answers, refused);
  }

  /**
   * Runs {@code promql} as an instant query now.
   *
   * @return Prometheus' reason if it refused the query, empty if it ran
   * @throws Failure if the query failed for another reason
   */
  Optional<String> query(String promql) throws Failure {
    return await(client.query(promql, Instant.now()), "query " + promql);
  }

  /** Waits for {@code call}; a refusal is returned, every other failure thrown. */
  private Optional<String> await(Future<?> call, String what) throws Failure {
    try {
      call.toCompletionStage()
          .toCompletableFuture()
          .get(options.timeout().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
      return Optional.empty();
    } catch (ExecutionException e) {
      if (PrometheusException.isQueryRejected(e.getCause())) {
        return Optional.of(e.getCause().getMessage());
      }
      throw failure(what, e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw failure(what, "no answer within " + options.timeout().plus(GRACE));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(what, "interrupted");
    }
  }

  private Failure failure(String what, String error) {
    return new Failure(
        "cannot query Prometheus at " + options.baseUrl() + " (" + what + "): " + error);
  }

  @Override
  public void close() {
    client.close();
    close(vertx);
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
