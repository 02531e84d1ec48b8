package dev.metricsadapter.app;

import dev.metricsadapter.cli.ExplainCommand;
import dev.metricsadapter.diagnostics.MissingMetricHints;
import dev.metricsadapter.observability.AdapterMetrics;
import dev.metricsadapter.observability.Logging;
import dev.metricsadapter.prometheus.QueryPathOptions;
import dev.metricsadapter.provider.Discovery;
import dev.metricsadapter.provider.DiscoveryOptions;
import dev.metricsadapter.provider.SeriesObjectLister;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.files.RuleFiles;
import dev.metricsadapter.server.ApiRouter;
import io.prometheus.client.CollectorRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code explain}'s assembly: the rules, the {@link PrometheusModule}, one discovery and the same
 * API groups and {@link dev.metricsadapter.server.Explainer} as the server, in standalone mode.
 * Logs only warnings, on stderr, so that stdout holds the explanation alone. Blocks the calling
 * thread, which must not be an event loop; everything it built is closed before it returns.
 */
public final class OneShotExplainer implements ExplainCommand.Runner {

  /** Extra wait beyond the Prometheus deadlines, so that the clients report their own timeouts. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  @Override
  public JsonObject explain(ExplainCommand.Request request) throws ExplainCommand.Unavailable {
    Logging.configure("text", "warn");
    ResourceMapper mapper = new BuiltinResourceMapper();
    CompiledRules rules = RuleFiles.load(request.config(), mapper);
    DiscoveryOptions discoveryOptions = request.discovery();
    Duration queryDeadline = request.prometheus().timeout().plus(GRACE);
    Clock clock = Clock.systemUTC();
    try (Closer closer = new Closer()) {
      Vertx vertx = Vertx.vertx();
      closer.onClose(() -> Blocking.await(vertx.close(), queryDeadline));
      PrometheusModule prometheus =
          closer.add(
              PrometheusModule.create(
                  vertx,
                  request.prometheus(),
                  QueryPathOptions.DEFAULTS,
                  discoveryOptions,
                  new AdapterMetrics(new CollectorRegistry())));
      Discovery discovery =
          OneShotDiscovery.run(vertx, prometheus, rules, mapper, discoveryOptions, clock);
      if (!discovery.isReady()) {
        throw new ExplainCommand.Unavailable(
            "cannot discover series from Prometheus at "
                + request.prometheus().baseUrl()
                + " (the warning above says why)");
      }
      ApiRouter api =
          MetricsApis.router(
              discovery,
              rules.resourceRules().map(resourceRules -> () -> resourceRules),
              mapper,
              new SeriesObjectLister(
                  vertx, prometheus.direct(), discoveryOptions.maxAge(), Duration.ZERO, clock),
              Optional.empty(),
              prometheus.queries(),
              clock);
      MultiMap params = MultiMap.caseInsensitiveMultiMap().addAll(request.params());
      return Blocking.await(
          api.explainer(vertx, new MissingMetricHints(discovery::snapshot, () -> rules, mapper))
              .explain(request.path(), params),
          queryDeadline.multipliedBy(2));
    }
  }
}
