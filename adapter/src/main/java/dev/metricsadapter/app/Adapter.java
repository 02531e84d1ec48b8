package dev.metricsadapter.app;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.metricsadapter.auth.AuthOptions;
import dev.metricsadapter.cli.ServeOptions;
import dev.metricsadapter.diagnostics.MissingMetricHints;
import dev.metricsadapter.kube.Fabric8ObjectLister;
import dev.metricsadapter.kube.ObjectLister;
import dev.metricsadapter.observability.AdapterMetrics;
import dev.metricsadapter.observability.CacheCollector;
import dev.metricsadapter.observability.DiscoveryCollector;
import dev.metricsadapter.prometheus.StaleFallback;
import dev.metricsadapter.provider.Discovery;
import dev.metricsadapter.provider.DiscoveryOptions;
import dev.metricsadapter.provider.SeriesObjectLister;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.RuleConfigException;
import dev.metricsadapter.rules.files.HangupSignal;
import dev.metricsadapter.rules.files.RuleFiles;
import dev.metricsadapter.rules.files.RuleReloader;
import dev.metricsadapter.server.ApiRouter;
import io.prometheus.client.CollectorRegistry;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running adapter: {@code serve}'s assembly of the modules. {@link #start} builds the rules, the
 * {@link Mode}, the {@link PrometheusModule}, discovery, the API groups, authentication and the
 * {@link ServerModule}, in that order; if a step fails, everything built so far is closed before
 * the failure is thrown, so an adapter can be started in-process. {@link #close} stops serving and
 * releases everything in reverse order.
 */
public final class Adapter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Adapter.class);

  private static final Duration RULE_CHECK_PERIOD = Duration.ofSeconds(2);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Closer closer;
  private final int port;

  private Adapter(Closer closer, int port) {
    this.closer = closer;
    this.port = port;
  }

  /**
   * Builds and starts everything; returns once the HTTPS port is listening (discovery goes on in
   * the background and readiness follows it).
   *
   * @throws RuleConfigException if the rule files are invalid
   * @throws IllegalArgumentException if a file, flag combination or address cannot be used; the
   *     message says which
   */
  public static Adapter start(ServeOptions options) {
    CompiledRules rules = RuleFiles.load(options.config(), new BuiltinResourceMapper());
    rules.loadWarnings().forEach(warning -> LOG.warn("{}", warning));
    Closer closer = new Closer();
    try {
      return assemble(options, rules, closer);
    } catch (RuntimeException | Error e) {
      closer.close();
      throw e;
    }
  }

  private static Adapter assemble(ServeOptions options, CompiledRules rules, Closer closer) {
    Clock clock = Clock.systemUTC();
    Vertx vertx = Vertx.vertx();
    closer.onClose(() -> Blocking.await(vertx.close(), CLOSE_TIMEOUT));
    AdapterMetrics metrics = new AdapterMetrics(new CollectorRegistry());
    metrics.initialLoad(clock.instant().getEpochSecond());
    Mode mode =
        closer.add(KubernetesModule.connect(vertx, options.kubeconfig(), servedGroups(rules)));
    AuthOptions.Mode auth = options.auth().effectiveMode(mode instanceof Mode.Connected);
    PrometheusModule prometheus =
        closer.add(
            PrometheusModule.create(
                vertx, options.prometheus(), options.queryPath(), options.discovery(), metrics));

    RuleReloader reloader =
        new RuleReloader(
            vertx,
            options.config(),
            new BuiltinResourceMapper(),
            clock,
            rules,
            status -> {
              metrics.reload(status.successful(), clock.instant().getEpochSecond());
              metrics.restartNeeded(status.restartNeeded().isPresent());
            });
    closer.onClose(reloader::stop);
    Discovery discovery =
        new Discovery(
            vertx,
            prometheus.discovery(),
            reloader,
            mode.mapper(),
            options.discovery().relistInterval(),
            options.discovery().maxAge(),
            clock,
            DiscoveryOptions.MAX_CONCURRENT_QUERIES);
    closer.onClose(discovery::stop);
    metrics.registry().register(new DiscoveryCollector(discovery::snapshot, reloader));

    ObjectLister lister =
        mode.lister(
            () ->
                new SeriesObjectLister(
                    vertx,
                    prometheus.direct(),
                    options.discovery().maxAge(),
                    Fabric8ObjectLister.DEFAULT_TTL,
                    clock,
                    staleListings(options, metrics),
                    metrics::invalidObjectNames));
    ApiRouter api =
        MetricsApis.router(
                discovery,
                rules.resourceRules().map(initial -> reloader::resourceRules),
                mode.mapper(),
                lister,
                mode.resourceObjects(),
                prometheus.queries(),
                clock)
            .withMetrics(metrics)
            .withConfigStatus(() -> configProblem(reloader.status()))
            .withFailingRules(discovery::failingRules)
            .withExplain(new MissingMetricHints(discovery::snapshot, reloader, mode.mapper()));
    Map<String, Supplier<CacheStats>> caches = new LinkedHashMap<>();
    caches.put("query_result", prometheus::queryCacheStats);
    if (mode instanceof Mode.Connected connected && auth == AuthOptions.Mode.DELEGATED) {
      DelegatedAuth delegated = closer.add(new DelegatedAuth(connected, options.auth(), metrics));
      api.withAuth(delegated.handler());
      caches.putAll(delegated.caches());
    } else if (!isLoopback(options.server().bindAddress())) {
      LOG.warn(
          "*** --auth=none on {}: every client that reaches this port can read every metric."
              + " Use --auth=delegated in a cluster. ***",
          options.server().bindAddress());
    }
    metrics.registry().register(new CacheCollector(caches));

    ServerModule server =
        closer.add(
            ServerModule.listen(
                vertx,
                options.server(),
                auth == AuthOptions.Mode.DELEGATED,
                api.router(vertx),
                clock));
    logStart(options, rules, server.port(), mode);
    discovery.start();
    reloader.start(RULE_CHECK_PERIOD, changed -> discovery.refresh());
    HangupSignal.onHangup(reloader::reload);
    return new Adapter(closer, server.port());
  }

  /** The HTTPS port listened on. */
  public int port() {
    return port;
  }

  /** Stops serving and releases every resource, in reverse order of creation. */
  @Override
  public void close() {
    LOG.info("shutting down");
    closer.close();
  }

  private static void logStart(ServeOptions options, CompiledRules rules, int port, Mode mode) {
    LOG.info(
        "serving https://{}:{} (TLS by {}) with rules from {} ({} rules, {} external rules,"
            + " resource rules {}), Prometheus {}, {}",
        options.server().bindAddress(),
        port,
        options.server().tls().engine().describe(),
        options.config(),
        rules.rules().size(),
        rules.externalRules().size(),
        rules.resourceRules().isPresent() ? "present" : "absent",
        options.prometheus().baseUrl(),
        mode.describe());
  }

  /** {@code --serve-stale-for} on standalone object listings, as on queries. */
  private static Optional<StaleFallback<List<String>>> staleListings(
      ServeOptions options, AdapterMetrics metrics) {
    Duration bound = options.queryPath().serveStaleFor();
    return bound.isZero()
        ? Optional.empty()
        : Optional.of(new StaleFallback<>("object listings", bound, metrics));
  }

  /** The API groups the adapter serves with {@code rules}. */
  private static Set<String> servedGroups(CompiledRules rules) {
    Set<String> groups = new HashSet<>(Set.of("custom.metrics.k8s.io", "external.metrics.k8s.io"));
    rules.resourceRules().ifPresent(resourceRules -> groups.add("metrics.k8s.io"));
    return groups;
  }

  /** A failed reload, described for {@code /readyz?verbose}; empty while the rules are current. */
  private static Optional<String> configProblem(RuleReloader.Status status) {
    List<String> problems = new ArrayList<>();
    if (!status.successful()) {
      problems.add(
          "the last reload failed with "
              + status.errors().size()
              + " errors; serving the rules loaded at "
              + status.lastSuccess());
    }
    status.restartNeeded().ifPresent(problems::add);
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
