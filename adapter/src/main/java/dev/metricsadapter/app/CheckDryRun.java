package dev.metricsadapter.app;

import dev.metricsadapter.cli.DryRunPrometheus;
import dev.metricsadapter.observability.AdapterMetrics;
import dev.metricsadapter.observability.Logging;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.prometheus.PrometheusException;
import dev.metricsadapter.prometheus.QueryPathOptions;
import dev.metricsadapter.provider.Discovery;
import dev.metricsadapter.provider.DiscoveryOptions;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.provider.QueryFailure;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRule;
import dev.metricsadapter.rules.CompiledRules;
import io.prometheus.client.CollectorRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * {@code check}'s assembly: a Vert.x instance and the {@link PrometheusModule}, one {@link
 * OneShotDiscovery} (as {@code explain} runs it) and queries sent directly (no query-path
 * policies), one after the other. The discovery's own log is silenced, since {@code check} reports
 * its refusals, failures and warnings itself. Owns all of it until closed.
 */
public final class CheckDryRun implements DryRunPrometheus {

  /** Extra wait beyond the client's own deadline, so that it reports its timeout. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final PrometheusClientOptions options;
  private final DiscoveryOptions discovery;
  private final Closer closer = new Closer();
  private final Vertx vertx;
  private final PrometheusModule prometheus;

  private CheckDryRun(PrometheusClientOptions options, DiscoveryOptions discovery) {
    this.options = options;
    this.discovery = discovery;
    closer.onClose(Logging.silence(Discovery.class));
    this.vertx = Vertx.vertx();
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
  public DiscoverySnapshot discover(CompiledRules rules, ResourceMapper mapper) throws Failure {
    DiscoverySnapshot snapshot;
    try {
      snapshot =
          OneShotDiscovery.run(vertx, prometheus, rules, mapper, discovery, Clock.systemUTC())
              .snapshot();
    } catch (IllegalStateException e) {
      throw failure("seriesQueries", e.getMessage());
    }
    List<CompiledRule> all =
        Stream.concat(rules.rules().stream(), rules.externalRules().stream()).toList();
    for (CompiledRule rule : all) {
      QueryFailure failed = snapshot.failures().get(rule.seriesQuery());
      if (failed != null && !failed.definitive()) {
        throw failure("seriesQuery " + rule.seriesQuery(), failed.message());
      }
    }
    return snapshot;
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
