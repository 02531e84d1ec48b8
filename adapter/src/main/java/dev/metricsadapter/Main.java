package dev.metricsadapter;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.metricsadapter.api.ApiRouter;
import dev.metricsadapter.api.Explainer;
import dev.metricsadapter.api.HttpVersionGuard;
import dev.metricsadapter.api.InvalidRequests;
import dev.metricsadapter.api.PathSegments;
import dev.metricsadapter.api.RequestLimits;
import dev.metricsadapter.api.ResourceMetricsApi;
import dev.metricsadapter.api.SlowClientGuard;
import dev.metricsadapter.auth.AuthenticationConfigSource;
import dev.metricsadapter.auth.Authenticator;
import dev.metricsadapter.auth.Authorizer;
import dev.metricsadapter.auth.DelegatedAuthHandler;
import dev.metricsadapter.auth.Fabric8AccessReviewer;
import dev.metricsadapter.auth.Fabric8TokenReviewer;
import dev.metricsadapter.cli.AdapterCommand;
import dev.metricsadapter.cli.AdapterOptions;
import dev.metricsadapter.config.RuleConfigException;
import dev.metricsadapter.diagnostics.MissingMetricHints;
import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.kube.DiscoveryResourceMapper;
import dev.metricsadapter.kube.Fabric8ObjectLister;
import dev.metricsadapter.kube.Fabric8ResourceObjects;
import dev.metricsadapter.kube.KubernetesConnections;
import dev.metricsadapter.kube.ObjectLister;
import dev.metricsadapter.kube.ResourceObjects;
import dev.metricsadapter.naming.BuiltinResourceMapper;
import dev.metricsadapter.naming.CompiledResourceRules;
import dev.metricsadapter.naming.CompiledRules;
import dev.metricsadapter.naming.ResourceMapper;
import dev.metricsadapter.observability.AdapterMetrics;
import dev.metricsadapter.observability.CacheCollector;
import dev.metricsadapter.observability.DiscoveryCollector;
import dev.metricsadapter.observability.InstrumentedPrometheusClient;
import dev.metricsadapter.observability.Logging;
import dev.metricsadapter.prometheus.CachingPrometheusClient;
import dev.metricsadapter.prometheus.PrometheusClient;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.prometheus.ResilientPrometheusClient;
import dev.metricsadapter.prometheus.StaleFallback;
import dev.metricsadapter.prometheus.StaleFallbackPrometheusClient;
import dev.metricsadapter.prometheus.WebClientPrometheusClient;
import dev.metricsadapter.provider.CustomMetricsService;
import dev.metricsadapter.provider.Discovery;
import dev.metricsadapter.provider.ExternalMetricsService;
import dev.metricsadapter.provider.ResourceMetricsService;
import dev.metricsadapter.provider.SeriesObjectLister;
import dev.metricsadapter.rulefiles.HangupSignal;
import dev.metricsadapter.rulefiles.RuleFiles;
import dev.metricsadapter.rulefiles.RuleReloader;
import dev.metricsadapter.tls.CertificateReloader;
import dev.metricsadapter.tls.RotatingKeyManager;
import dev.metricsadapter.tls.ServingCertificate;
import dev.metricsadapter.tls.ServingOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.prometheus.client.CollectorRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root: parses the command line, then builds and starts the adapter (rules, Kubernetes
 * connection, Prometheus client, discovery, service, HTTPS server) and runs until the JVM is asked
 * to stop. Only this class creates the I/O implementations.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  static final int MAX_CONCURRENT_DISCOVERY_QUERIES = 8;

  /**
   * Connections to Prometheus beyond {@code --max-concurrent-queries} for the series listings of
   * wildcard requests in standalone mode, which do not pass the query bound.
   */
  private static final int OBJECT_LISTING_CONNECTIONS = 8;

  private static final Duration REST_MAPPING_REFRESH = Duration.ofMinutes(1);
  private static final Duration FIRST_REQUEST_DEADLINE = Duration.ofSeconds(10);
  private static final Duration CERTIFICATE_CHECK_PERIOD = Duration.ofSeconds(10);
  private static final Duration RULE_CHECK_PERIOD = Duration.ofSeconds(2);

  /** How long queries fail fast once Prometheus is found failing, before one probe query. */
  private static final Duration CIRCUIT_OPEN_FOR = Duration.ofSeconds(5);

  private Main() {}

  public static void main(String[] args) {
    System.exit(AdapterCommand.commandLine(Main::serve, new OneShotExplainer()).execute(args));
  }

  /** Serves until the JVM shuts down; returns 1 if the adapter cannot start. */
  static int serve(AdapterOptions options) {
    Logging.configure(options.logging().format(), options.logging().level());
    Running running;
    try {
      running = start(options);
    } catch (RuleConfigException e) {
      System.err.println(e.getMessage());
      return 1;
    } catch (IllegalArgumentException | AdapterException e) {
      // Their messages say what failed and where; a stack trace would only bury that.
      LOG.error("cannot start: {}", e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      LOG.error("cannot start: {}", e.getMessage(), e);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  stopped.countDown();
                },
                "metrics-adapter-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** A started adapter. */
  record Running(
      Vertx vertx,
      HttpServer server,
      CertificateReloader reloader,
      RuleReloader rulesReloader,
      Discovery discovery,
      List<WebClientPrometheusClient> prometheusClients,
      Optional<KubernetesClient> kubernetes,
      Optional<AuthenticationConfigSource> authConfig,
      Optional<DiscoveryResourceMapper> restMapping,
      Optional<WorkerExecutor> kubeWorkers) {

    /** Stops serving and releases every resource, in reverse order of creation. */
    void close() {
      LOG.info("shutting down");
      await(server.close());
      reloader.stop();
      rulesReloader.stop();
      discovery.stop();
      restMapping.ifPresent(DiscoveryResourceMapper::close);
      authConfig.ifPresent(AuthenticationConfigSource::close);
      prometheusClients.forEach(WebClientPrometheusClient::close);
      kubeWorkers.ifPresent(workers -> await(workers.close()));
      kubernetes.ifPresent(KubernetesClient::close);
      await(vertx.close());
    }
  }

  /**
   * Builds and starts everything; returns once the HTTPS port is listening (discovery goes on in
   * the background and readiness follows it).
   *
   * @throws RuleConfigException if the rule files are invalid
   */
  static Running start(AdapterOptions options) {
    CompiledRules rules = RuleFiles.load(options.config(), new BuiltinResourceMapper());
    rules.loadWarnings().forEach(warning -> LOG.warn("{}", warning));
    Vertx vertx = Vertx.vertx();
    AdapterMetrics metrics = new AdapterMetrics(new CollectorRegistry());
    metrics.initialLoad(Instant.now().getEpochSecond());
    Optional<KubernetesClient> kubernetes =
        KubernetesConnections.fromSystem().connect(options.kubeconfig());
    Optional<WorkerExecutor> kubeWorkers =
        kubernetes.map(k -> KubernetesConnections.workerPool(vertx));
    Optional<DiscoveryResourceMapper> restMapping =
        kubernetes.map(
            client ->
                new DiscoveryResourceMapper(
                    vertx,
                    kubeWorkers.orElseThrow(),
                    client,
                    new BuiltinResourceMapper(),
                    servedGroups(rules)));
    ResourceMapper mapper =
        restMapping.<ResourceMapper>map(m -> m).orElseGet(BuiltinResourceMapper::new);
    restMapping.ifPresent(m -> m.start(REST_MAPPING_REFRESH));

    PrometheusClientOptions prometheusOptions = prometheusOptions(options);
    WebClientPrometheusClient prometheusClient =
        new WebClientPrometheusClient(vertx, prometheusOptions);
    PrometheusClient prometheus = new InstrumentedPrometheusClient(prometheusClient, metrics);
    // Listing every series of a large Prometheus takes longer than a query may: discovery has
    // its own connections and deadline (--discovery-timeout).
    WebClientPrometheusClient discoveryClient =
        new WebClientPrometheusClient(
            vertx,
            prometheusOptions
                .withTimeout(options.discoveryTimeout())
                .withMaxConnections(MAX_CONCURRENT_DISCOVERY_QUERIES));
    Map<String, Supplier<CacheStats>> caches = new LinkedHashMap<>();
    CachingPrometheusClient queries = queryPath(vertx, prometheus, options, metrics);
    caches.put("query_result", queries::cacheStats);
    Clock clock = Clock.systemUTC();
    AtomicReference<Discovery> discoveryRef = new AtomicReference<>();
    RuleReloader rulesReloader =
        new RuleReloader(
            vertx,
            options.config(),
            new BuiltinResourceMapper(),
            clock,
            rules,
            changed -> discoveryRef.get().refresh(),
            status -> {
              metrics.reload(status.successful(), Instant.now().getEpochSecond());
              metrics.restartNeeded(status.restartNeeded().isPresent());
            });
    Discovery discovery =
        new Discovery(
            vertx,
            new InstrumentedPrometheusClient(discoveryClient, metrics),
            rulesReloader,
            mapper,
            options.relistInterval(),
            options.maxAge(),
            clock,
            MAX_CONCURRENT_DISCOVERY_QUERIES);
    ObjectLister lister =
        kubernetes
            .<ObjectLister>map(client -> new Fabric8ObjectLister(kubeWorkers.orElseThrow(), client))
            .orElseGet(
                () ->
                    new SeriesObjectLister(
                        vertx,
                        prometheus,
                        options.maxAge(),
                        Fabric8ObjectLister.DEFAULT_TTL,
                        clock,
                        staleListings(options, metrics),
                        metrics::invalidObjectNames));
    discoveryRef.set(discovery);
    metrics.registry().register(new DiscoveryCollector(discovery::snapshot, rulesReloader));
    Optional<ResourceObjects> resourceObjects =
        kubernetes.map(client -> new Fabric8ResourceObjects(kubeWorkers.orElseThrow(), client));
    ApiRouter api =
        apiRouter(
                discovery,
                rules.resourceRules().map(initial -> rulesReloader::resourceRules),
                mapper,
                lister,
                resourceObjects,
                queries,
                clock)
            .withMetrics(metrics)
            .withConfigStatus(() -> configProblem(rulesReloader.status()))
            .withFailingRules(discovery::failingRules)
            .withExplain(new MissingMetricHints(discovery::snapshot, rulesReloader, mapper));
    AdapterOptions.Auth authMode = authMode(options, kubernetes.isPresent());
    Optional<AuthenticationConfigSource> authConfig = Optional.empty();
    if (authMode == AdapterOptions.Auth.DELEGATED) {
      KubernetesClient client = kubernetes.orElseThrow();
      WorkerExecutor workers = kubeWorkers.orElseThrow();
      AuthenticationConfigSource source =
          new AuthenticationConfigSource(options.auth().authentication()).watch(client);
      authConfig = Optional.of(source);
      Fabric8TokenReviewer tokenReviewer =
          new Fabric8TokenReviewer(workers, client, options.auth().tokenCacheTtl());
      Fabric8AccessReviewer accessReviewer =
          new Fabric8AccessReviewer(
              workers, client, options.auth().authorizedTtl(), options.auth().unauthorizedTtl());
      caches.put("token_review", tokenReviewer::cacheStats);
      caches.put("access_review", accessReviewer::cacheStats);
      api.withAuth(
          new DelegatedAuthHandler(
              new Authenticator(source, tokenReviewer),
              new Authorizer(options.auth().alwaysAllowPaths(), accessReviewer),
              Explainer::authorizedPath,
              PathSegments::of,
              metrics));
    } else if (!isLoopback(options.bindAddress())) {
      LOG.warn(
          "*** --auth=none on {}: every client that reaches this port can read every metric."
              + " Use --auth=delegated in a cluster. ***",
          options.bindAddress());
    }

    metrics.registry().register(new CacheCollector(caches));

    ServingCertificate certificate = servingCertificate(options, clock);
    RotatingKeyManager servingKeys = new RotatingKeyManager(certificate.read());
    SlowClientGuard guard = new SlowClientGuard(vertx, FIRST_REQUEST_DEADLINE);
    Handler<HttpConnection> slowClients = guard.connections();
    HttpServer server =
        await(
            vertx
                .createHttpServer(
                    ServingOptions.httpServer(
                        servingKeys,
                        options.tls(),
                        FIRST_REQUEST_DEADLINE,
                        authMode == AdapterOptions.Auth.DELEGATED))
                .connectionHandler(
                    connection -> {
                      HttpVersionGuard.install(connection);
                      slowClients.handle(connection);
                    })
                .invalidRequestHandler(InvalidRequests.handler())
                // Failed handshakes (a client certificate BoringSSL refuses, a client that speaks
                // no TLS) never reach a handler; say why at debug.
                .exceptionHandler(failure -> LOG.debug("connection failed: {}", failure.toString()))
                .requestHandler(guard.requests(RequestLimits.guard(api.router(vertx))))
                .listen(options.securePort(), options.bindAddress()));
    CertificateReloader reloader = new CertificateReloader(vertx, servingKeys, certificate);
    reloader.start(CERTIFICATE_CHECK_PERIOD);
    LOG.info(
        "serving https://{}:{} (TLS by {}) with rules from {} ({} rules, {} external rules,"
            + " resource rules {}), Prometheus {}, {}",
        options.bindAddress(),
        server.actualPort(),
        options.tls().engine().describe(),
        options.config(),
        rules.rules().size(),
        rules.externalRules().size(),
        rules.resourceRules().isPresent() ? "present" : "absent",
        options.prometheusUrl(),
        kubernetes.isPresent()
            ? "Kubernetes API for objects and resources"
            : "standalone mode (no Kubernetes connection)");
    discovery.start();
    rulesReloader.start(RULE_CHECK_PERIOD);
    HangupSignal.onHangup(rulesReloader::reload);
    return new Running(
        vertx,
        server,
        reloader,
        rulesReloader,
        discovery,
        List.of(prometheusClient, discoveryClient),
        kubernetes,
        authConfig,
        restMapping,
        kubeWorkers);
  }

  /**
   * The path of queries to Prometheus, outermost first: single flight and the result cache ({@code
   * --cache-ttl}), the stale fallback when {@code --serve-stale-for} is set, then the circuit
   * breaker, the concurrency bound and the retry on connection failures.
   */
  private static CachingPrometheusClient queryPath(
      Vertx vertx, PrometheusClient prometheus, AdapterOptions options, AdapterMetrics metrics) {
    AdapterOptions.QueryPath path = options.queryPath();
    PrometheusClient guarded =
        new ResilientPrometheusClient(
            vertx,
            prometheus,
            options.prometheusTimeout(),
            path.maxConcurrent(),
            path.maxWait(),
            CIRCUIT_OPEN_FOR,
            metrics);
    if (!path.serveStaleFor().isZero()) {
      guarded = new StaleFallbackPrometheusClient(guarded, path.serveStaleFor(), metrics);
    }
    return new CachingPrometheusClient(vertx, guarded, path.cacheTtl());
  }

  /** {@code --serve-stale-for} on standalone object listings, as on queries. */
  private static Optional<StaleFallback<List<String>>> staleListings(
      AdapterOptions options, AdapterMetrics metrics) {
    Duration bound = options.queryPath().serveStaleFor();
    return bound.isZero()
        ? Optional.empty()
        : Optional.of(new StaleFallback<>("object listings", bound, metrics));
  }

  /**
   * The API groups over one discovery and one Prometheus: custom and external metrics, and resource
   * metrics when there are resource rules.
   *
   * @param resourceRules the current resource rules; empty when {@code metrics.k8s.io} is not
   *     served
   * @param resourceObjects pods and nodes from the Kubernetes API; empty in standalone mode
   */
  static ApiRouter apiRouter(
      Discovery discovery,
      Optional<Supplier<CompiledResourceRules>> resourceRules,
      ResourceMapper mapper,
      ObjectLister lister,
      Optional<ResourceObjects> resourceObjects,
      PrometheusClient prometheus,
      Clock clock) {
    CustomMetricsService custom =
        new CustomMetricsService(discovery::snapshot, mapper, lister, prometheus, clock);
    ExternalMetricsService external =
        new ExternalMetricsService(discovery::snapshot, mapper, prometheus, clock);
    Optional<ResourceMetricsApi> resources =
        resourceRules.map(
            current ->
                new ResourceMetricsApi(
                    new ResourceMetricsService(current, mapper, resourceObjects, prometheus, clock),
                    clock));
    return ApiRouter.of(custom, external, resources, discovery::snapshot, discovery::isReady);
  }

  /** The API groups the adapter serves with {@code rules}. */
  private static Set<String> servedGroups(CompiledRules rules) {
    Set<String> groups = new HashSet<>(Set.of("custom.metrics.k8s.io", "external.metrics.k8s.io"));
    rules.resourceRules().ifPresent(resourceRules -> groups.add("metrics.k8s.io"));
    return groups;
  }

  /** A failed reload, described for {@code /readyz?verbose}; empty while the rules are current. */
  private static Optional<String> configProblem(RuleReloader.Status status) {
    Optional<String> failed =
        status.successful()
            ? Optional.empty()
            : Optional.of(
                "the last reload failed with "
                    + status.errors().size()
                    + " errors; serving the rules loaded at "
                    + status.lastSuccess());
    List<String> problems = new ArrayList<>();
    failed.ifPresent(problems::add);
    status.restartNeeded().ifPresent(problems::add);
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  private static AdapterOptions.Auth authMode(AdapterOptions options, boolean connected) {
    AdapterOptions.Auth mode =
        options
            .auth()
            .mode()
            .orElse(connected ? AdapterOptions.Auth.DELEGATED : AdapterOptions.Auth.NONE);
    if (mode == AdapterOptions.Auth.DELEGATED && !connected) {
      throw new IllegalArgumentException(
          "--auth=delegated needs a Kubernetes connection (in-cluster, --kubeconfig or"
              + " $KUBECONFIG) for TokenReviews and SubjectAccessReviews");
    }
    return mode;
  }

  private static boolean isLoopback(String address) {
    try {
      return java.net.InetAddress.getByName(address).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** Options of the request path's Prometheus client (queries and standalone object listings). */
  private static PrometheusClientOptions prometheusOptions(AdapterOptions options) {
    return new PrometheusClientOptions(
        options.prometheusUrl(),
        options.prometheusHeaders(),
        options.prometheusVerb(),
        options.prometheusTokenFile(),
        options.prometheusCaFile(),
        options.prometheusClientCertFile(),
        options.prometheusClientKeyFile(),
        options.prometheusTimeout(),
        options.queryPath().maxConcurrent() + OBJECT_LISTING_CONNECTIONS);
  }

  private static ServingCertificate servingCertificate(AdapterOptions options, Clock clock) {
    if (options.tlsCertFile().isPresent()) {
      return new ServingCertificate(options.tlsCertFile().get(), options.tlsKeyFile().orElseThrow())
          .requireReadable();
    }
    return ServingCertificate.selfSigned(options.certDir(), clock);
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }
}
