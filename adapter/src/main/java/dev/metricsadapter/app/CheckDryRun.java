package dev.metricsadapter.app;

import dev.metricsadapter.catalog.Series;
import dev.metricsadapter.cli.DryRunPrometheus;
import dev.metricsadapter.observability.AdapterMetrics;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.prometheus.PrometheusException;
import dev.metricsadapter.prometheus.QueryPathOptions;
import dev.metricsadapter.provider.DiscoveryOptions;
import io.prometheus.client.CollectorRegistry;
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
 * {@code check}'s assembly: a Vert.x instance and the {@link PrometheusModule}, series listed under
 * the discovery deadline and queries sent directly (no query-path policies), one after the other.
 * Owns both until closed.
 */
public final class CheckDryRun implements DryRunPrometheus {

  /** Extra wait beyond the clients' own deadlines, so that they report their timeouts. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final PrometheusClientOptions options;
  private final DiscoveryOptions discovery;
  private final Closer closer = new Closer();
  private final PrometheusModule prometheus;

  private CheckDryRun(PrometheusClientOptions options, DiscoveryOptions discovery) {
    this.options = options;
    this.discovery = discovery;
    Vertx vertx = Vertx.vertx();
    closer.onClose(() -> Blocking.await(vertx.close(), CLOSE_TIMEOUT));
    try {
      this.prometheus =
          closer.add(
              PrometheusModule.create(
                  vertx,
                  options,
                  QueryPathOptions.DEFAULTS,
                  discovery,
                  new AdapterMetrics(new CollectorRegistry())));
    } catch (RuntimeException e) {
      closer.close();
      throw e;
    }
  }

  /** Opens a dry run; {@link DryRunPrometheus.Opener} for {@code check}. */
  public static CheckDryRun open(PrometheusClientOptions options, DiscoveryOptions discovery)
      throws Failure {
    try {
      return new CheckDryRun(options, discovery);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new Failure("cannot query Prometheus at " + options.baseUrl() + ": " + e.getMessage());
    }
  }

  @Override
  public SeriesAnswers series(Collection<String> queries, Instant start) throws Failure {
    Map<String, List<Series>> answers = new LinkedHashMap<>();
    Map<String, String> refused = new LinkedHashMap<>();
    for (String query : queries) {
      if (answers.containsKey(query) || refused.containsKey(query)) {
        continue;
      }
      List<Series> series = new ArrayList<>();
      await(
              prometheus.discovery().series(query, start, labels -> series.add(Series.of(labels))),
              discovery.timeout(),
              "seriesQuery " + query)
          .ifPresentOrElse(reason -> refused.put(query, reason), () -> answers.put(query, series));
    }
    return new SeriesAnswers(answers, refused);
  }

  @Override
  public Optional<String> query(String promql) throws Failure {
    return await(
        prometheus.direct().query(promql, Instant.now()), options.timeout(), "query " + promql);
  }

  /** Waits for {@code call}; a refusal is returned, every other failure thrown. */
  private Optional<String> await(Future<?> call, Duration deadline, String what) throws Failure {
    Duration wait = deadline.plus(GRACE);
    try {
      call.toCompletionStage().toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.empty();
    } catch (ExecutionException e) {
      if (PrometheusException.isQueryRejected(e.getCause())) {
        return Optional.of(e.getCause().getMessage());
      }
      throw failure(what, e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw failure(what, "no answer within " + wait);
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
    closer.close();
  }
}
