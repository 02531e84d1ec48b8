package dev.metricsadapter;

import dev.metricsadapter.api.ApiRouter;
import dev.metricsadapter.cli.ExplainCommand;
import dev.metricsadapter.diagnostics.MissingMetricHints;
import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.naming.BuiltinResourceMapper;
import dev.metricsadapter.naming.CompiledRules;
import dev.metricsadapter.naming.ResourceMapper;
import dev.metricsadapter.observability.Logging;
import dev.metricsadapter.prometheus.WebClientPrometheusClient;
import dev.metricsadapter.provider.Discovery;
import dev.metricsadapter.provider.SeriesObjectLister;
import dev.metricsadapter.rulefiles.RuleFiles;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code explain} subcommand's adapter: the rules, one discovery against Prometheus and the
 * same API groups and {@link dev.metricsadapter.api.Explainer} as the server, in standalone mode.
 * Logs only warnings, on stderr, so that stdout holds the explanation alone. Blocks the calling
 * thread, which must not be an event loop; its Vert.x instance is closed before it returns.
 */
final class OneShotExplainer implements ExplainCommand.Runner {

  /** Extra wait beyond the Prometheus deadline, so that the client reports its own timeout. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  @Override
  public JsonObject explain(ExplainCommand.Request request) throws ExplainCommand.Unavailable {
    Logging.configure("text", "warn");
    ResourceMapper mapper = new BuiltinResourceMapper();
    CompiledRules rules = RuleFiles.load(request.config(), mapper);
    Duration deadline = request.prometheus().timeout().plus(GRACE);
    Vertx vertx = Vertx.vertx();
    try (WebClientPrometheusClient prometheus =
        new WebClientPrometheusClient(vertx, request.prometheus())) {
      Clock clock = Clock.systemUTC();
      Discovery discovery =
          new Discovery(
              vertx,
              prometheus,
              () -> rules,
              mapper,
              request.maxAge(),
              request.maxAge(),
              clock,
              Main.MAX_CONCURRENT_DISCOVERY_QUERIES);
      await(discovery.refresh(), deadline.multipliedBy(2));
      if (!discovery.isReady()) {
        throw new ExplainCommand.Unavailable(
            "cannot discover series from Prometheus at "
                + request.prometheus().baseUrl()
                + " (the warning above says why)");
      }
      ApiRouter api =
          Main.apiRouter(
              discovery,
              rules.resourceRules().map(resourceRules -> () -> resourceRules),
              mapper,
              new SeriesObjectLister(vertx, prometheus, request.maxAge(), Duration.ZERO, clock),
              Optional.empty(),
              prometheus,
              clock);
      MultiMap params = MultiMap.caseInsensitiveMultiMap().addAll(request.params());
      return await(
          api.explainer(vertx, new MissingMetricHints(discovery::snapshot, () -> rules, mapper))
              .explain(request.path(), params),
          deadline.multipliedBy(2));
    } finally {
      await(vertx.close(), deadline);
    }
  }

  /**
   * The result of {@code future}.
   *
   * @throws IllegalArgumentException for a request the explainer rejects as malformed
   * @throws IllegalStateException for any other failure or a timeout
   */
  private static <T> T await(Future<T> future, Duration timeout) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer within " + timeout, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AdapterException bad
          && bad.kind() == AdapterException.Kind.BAD_REQUEST) {
        throw new IllegalArgumentException(bad.getMessage(), bad);
      }
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }
}
