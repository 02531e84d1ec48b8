package dev.metricsadapter.manifests;

import static dev.metricsadapter.manifests.Manifests.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metricsadapter.app.CheckDryRun;
import dev.metricsadapter.cli.ServeCommand;
import dev.metricsadapter.observability.AdapterMetrics;
import dev.metricsadapter.observability.DiscoveryCollector;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.files.RuleFiles;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * manifests/monitoring/ against the adapter: the ServiceMonitor scrapes the adapter's Service over
 * verified TLS with a token the scrape RBAC authorizes, and the PrometheusRule's alerts are valid
 * (promtool) and use only the self-metrics the adapter exports, on the job the ServiceMonitor
 * produces.
 */
class MonitoringManifestsTest {

  private static final Path MONITORING = ROOT.resolve("monitoring");

  /** The self-metrics documented in docs/operating.md: the alerts may use these only. */
  private static final Set<String> SELF_METRICS =
      Set.of(
          "metrics_adapter_api_requests_total",
          "metrics_adapter_api_request_duration_seconds",
          "metrics_adapter_prometheus_requests_total",
          "metrics_adapter_prometheus_request_duration_seconds",
          "metrics_adapter_discovery_duration_seconds",
          "metrics_adapter_discovery_last_success_timestamp_seconds",
          "metrics_adapter_discovery_failing_queries",
          "metrics_adapter_discovery_series",
          "metrics_adapter_discovery_metrics",
          "metrics_adapter_config_reloads_total",
          "metrics_adapter_config_last_reload_success_timestamp_seconds",
          "metrics_adapter_config_last_reload_successful");

  private static final Set<String> HISTOGRAMS =
      Set.of(
          "metrics_adapter_api_request_duration_seconds",
          "metrics_adapter_prometheus_request_duration_seconds");

  /** Series Prometheus itself records for every target. */
  private static final Set<String> SCRAPE_SERIES = Set.of("up");

  private static final Set<String> ALERTS =
      Set.of(
          "MetricsAdapterDown",
          "MetricsAdapterDiscoveryFailing",
          "MetricsAdapterPrometheusErrors",
          "MetricsAdapterReloadFailing",
          "MetricsAdapterHighLatency");

  private static final Set<String> PROMQL_KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan");

  private static final Pattern SELECTOR =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
  private static final Pattern MATCHER =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private static List<HasMetadata> monitoring;
  private static Service service;
  private static Deployment deployment;
  private static GenericKubernetesResource serviceMonitor;
  private static GenericKubernetesResource prometheusRule;

  @BeforeAll
  static void load() {
    List<HasMetadata> adapter = Manifests.objects(ROOT);
    service = Manifests.only(adapter, Service.class);
    deployment = Manifests.only(adapter, Deployment.class);
    monitoring = Manifests.objects(MONITORING);
    serviceMonitor = only(Manifests.generic(monitoring, "ServiceMonitor"));
    prometheusRule = only(Manifests.generic(monitoring, "PrometheusRule"));
  }

  @Test
  void monitoringIsNotPartOfTheAdapterKustomization() {
    // The CRDs may be missing: `kubectl apply -k manifests/` must not need them.
    assertFalse(Manifests.kustomization(ROOT).resources().contains("monitoring"));
    assertFalse(Manifests.kustomization(ROOT).components().contains("monitoring"));
    assertEquals("Kustomization", Manifests.kustomization(MONITORING).kind());
    for (GenericKubernetesResource object : List.of(serviceMonitor, prometheusRule)) {
      assertEquals("monitoring.coreos.com/v1", object.getApiVersion());
      assertEquals(service.getMetadata().getNamespace(), object.getMetadata().getNamespace());
    }
  }

  @Test
  void serviceMonitorScrapesTheAdapterServiceOverVerifiedTls() {
    Map<String, String> matchLabels = serviceMonitor.get("spec", "selector", "matchLabels");
    assertFalse(matchLabels.isEmpty());
    assertTrue(
        service.getMetadata().getLabels().entrySet().containsAll(matchLabels.entrySet()),
        matchLabels + " selects the Service's labels " + service.getMetadata().getLabels());
    List<String> namespaces = serviceMonitor.get("spec", "namespaceSelector", "matchNames");
    assertEquals(List.of(service.getMetadata().getNamespace()), namespaces);

    List<Map<String, Object>> endpoints = serviceMonitor.get("spec", "endpoints");
    assertEquals(1, endpoints.size());
    Map<String, Object> endpoint = endpoints.get(0);
    assertEquals(service.getSpec().getPorts().get(0).getName(), endpoint.get("port"));
    assertEquals("https", endpoint.get("scheme"));
    assertEquals("/metrics", endpoint.get("path"));
    assertEquals("30s", endpoint.get("interval"));
    assertEquals(
        "/var/run/secrets/kubernetes.io/serviceaccount/token", endpoint.get("bearerTokenFile"));

    Map<String, Object> tls = cast(endpoint.get("tlsConfig"));
    assertNotEquals(Boolean.TRUE, tls.get("insecureSkipVerify"));
    assertEquals(
        service.getMetadata().getName() + "." + service.getMetadata().getNamespace() + ".svc",
        tls.get("serverName"),
        "a name the serving certificate carries");
    // The CA of the serving certificate, from the Secret the adapter serves from: the operator
    // reads it in the ServiceMonitor's namespace (checked above to be the adapter's).
    Map<String, Object> ca = cast(tls.get("ca"));
    Map<String, Object> caSecret = cast(ca.get("secret"));
    String tlsSecret =
        deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getSecret() != null)
            .map(Volume::getSecret)
            .map(s -> s.getSecretName())
            .findFirst()
            .orElseThrow();
    assertEquals(Map.of("name", tlsSecret, "key", "ca.crt"), caSecret);
    // Both sources of that Secret write ca.crt: cert-manager's CA issuer does, and the script.
    assertTrue(
        Manifests.read(ROOT.resolve("tls").resolve("serving-cert.sh"))
            .contains("--from-file=ca.crt="));
    assertTrue(
        Manifests.read(ROOT.resolve("cert-manager").resolve("issuer-ca.yaml")).contains("ca:"));
  }

  @Test
  void metricsPathNeedsAuthorization() {
    // /metrics is not always allowed, so the scrape needs the RBAC below.
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    CommandLine commandLine =
        ServeCommand.commandLine(options -> 0, CheckDryRun::open, request -> new JsonObject());
    commandLine.parseArgs(container.getArgs().toArray(String[]::new));
    List<String> alwaysAllowed =
        commandLine.getCommandSpec().findOption("--authorization-always-allow-paths").getValue();
    assertFalse(alwaysAllowed.isEmpty());
    for (String path : alwaysAllowed) {
      boolean matches =
          path.endsWith("*")
              ? "/metrics".startsWith(path.substring(0, path.length() - 1))
              : path.equals("/metrics");
      assertFalse(matches, "/metrics is always allowed by " + path);
    }
    assertTrue(container.getArgs().contains("--auth=delegated"));
  }

  @Test
  void rbacGrantsExactlyGetOnMetricsToThePrometheusServiceAccount() {
    ClusterRole role = Manifests.only(monitoring, ClusterRole.class);
    assertEquals(1, role.getRules().size());
    PolicyRule rule = role.getRules().get(0);
    assertEquals(List.of("/metrics"), rule.getNonResourceURLs());
    assertEquals(List.of("get"), rule.getVerbs());
    assertTrue(rule.getApiGroups() == null || rule.getApiGroups().isEmpty());
    assertTrue(rule.getResources() == null || rule.getResources().isEmpty());
    assertTrue(rule.getResourceNames() == null || rule.getResourceNames().isEmpty());
    assertNull(role.getAggregationRule());

    ClusterRoleBinding binding = Manifests.only(monitoring, ClusterRoleBinding.class);
    assertEquals("ClusterRole", binding.getRoleRef().getKind());
    assertEquals("rbac.authorization.k8s.io", binding.getRoleRef().getApiGroup());
    assertEquals(role.getMetadata().getName(), binding.getRoleRef().getName());

    // kube-prometheus-stack's Prometheus runs as <release>-prometheus in the release's namespace:
    // the release the ServiceMonitor is labelled for, in the namespace of the Prometheus the
    // adapter queries (--prometheus-url, prometheus-operated.<namespace>.svc).
    String release = serviceMonitor.getMetadata().getLabels().get("release");
    assertEquals(release, prometheusRule.getMetadata().getLabels().get("release"));
    String prometheusHost = URI.create(prometheusUrl()).getHost();
    String[] hostParts = prometheusHost.split("\\.");
    assertEquals("prometheus-operated", hostParts[0], prometheusHost);
    assertEquals(
        List.of(new Subject(null, "ServiceAccount", release + "-prometheus", hostParts[1])),
        binding.getSubjects());
  }

  @Test
  void prometheusRuleHasTheAlertsWithSeveritySummaryAndDescription() {
    Map<String, Map<String, Object>> alerts = alerts();
    assertEquals(ALERTS, alerts.keySet());
    alerts.forEach(
        (name, rule) -> {
          assertTrue(Set.of("warning", "critical").contains(labels(rule).get("severity")), name);
          Map<String, String> annotations = cast(rule.get("annotations"));
          assertFalse(annotations.getOrDefault("summary", "").isBlank(), name + " summary");
          String description = annotations.getOrDefault("description", "");
          assertTrue(
              description.contains("kubectl -n metrics-adapter logs deploy/metrics-adapter"),
              name + ": the description says what to check");
          assertTrue(rule.get("for") instanceof String, name + " has a `for`");
        });
    assertEquals("critical", labels(alerts.get("MetricsAdapterDown")).get("severity"));
    assertEquals("10m", alerts.get("MetricsAdapterDiscoveryFailing").get("for"));
    assertEquals("10m", alerts.get("MetricsAdapterPrometheusErrors").get("for"));
    assertEquals("5m", alerts.get("MetricsAdapterReloadFailing").get("for"));
    assertEquals("10m", alerts.get("MetricsAdapterHighLatency").get("for"));
    assertEquals("5m", alerts.get("MetricsAdapterDown").get("for"));
    String latency = expr(alerts.get("MetricsAdapterHighLatency"));
    assertTrue(latency.contains("histogram_quantile(0.99,"), latency);
    assertTrue(latency.contains("metrics_adapter_api_request_duration_seconds_bucket"), latency);
  }

  @Test
  void alertsUseOnlySelfMetricsTheAdapterExports() {
    Set<String> allowed = new TreeSet<>(SCRAPE_SERIES);
    allowed.addAll(SELF_METRICS);
    for (String histogram : HISTOGRAMS) {
      for (String suffix : List.of("_bucket", "_count", "_sum")) {
        allowed.add(histogram + suffix);
      }
    }
    alerts()
        .forEach(
            (name, rule) -> {
              Set<String> used = metricNames(expr(rule));
              assertFalse(used.isEmpty(), name + ": no metric found in " + expr(rule));
              Set<String> unknown = new TreeSet<>(used);
              unknown.removeAll(allowed);
              assertEquals(Set.of(), unknown, name + " uses metrics the adapter does not export");
            });
  }

  @Test
  void metricNamesFindsEverySelectedMetric() {
    // The check above is only as good as this extraction.
    assertEquals(
        Set.of("foo_bucket", "bar", "baz", "up"),
        metricNames(
            "histogram_quantile(0.99, sum by (le, job) (rate(foo_bucket{job=\"a b\",x!~\"y\"}[5m])))"
                + " / on (job) group_left (pod) bar > 0.05 and absent(baz offset 5m)"
                + " or time() - up{le=\"1\"} > 600 unless bool ignoring(z) sum without (w) (up)"));
  }

  @Test
  void documentedSelfMetricsAreTheOnesTheAdapterRegisters() {
    CollectorRegistry registry = new CollectorRegistry();
    new AdapterMetrics(registry);
    CompiledRules rules = RuleFiles.load(ROOT.resolve("rules"), new BuiltinResourceMapper());
    registry.register(new DiscoveryCollector(() -> DiscoverySnapshot.EMPTY, () -> rules));
    Set<String> exported = new TreeSet<>();
    Set<String> histograms = new TreeSet<>();
    for (Collector.MetricFamilySamples family : Collections.list(registry.metricFamilySamples())) {
      switch (family.type) {
        case COUNTER -> exported.add(family.name + "_total");
        case HISTOGRAM -> {
          exported.add(family.name);
          histograms.add(family.name);
        }
        default -> exported.add(family.name);
      }
    }
    Set<String> missing = new TreeSet<>(SELF_METRICS);
    missing.removeAll(exported);
    assertEquals(Set.of(), missing, "documented but not exported");
    assertTrue(histograms.containsAll(HISTOGRAMS), histograms.toString());
  }

  @Test
  void alertSelectorsUseTheJobAndNamespaceTheServiceMonitorProduces() {
    // Without spec.jobLabel the operator names the job after the Service.
    assertNull(serviceMonitor.get("spec", "jobLabel"));
    Map<String, String> expected =
        Map.of(
            "job", service.getMetadata().getName(),
            "namespace", service.getMetadata().getNamespace());
    alerts()
        .forEach(
            (name, rule) -> {
              Matcher selector = SELECTOR.matcher(expr(rule));
              int selectors = 0;
              while (selector.find()) {
                selectors++;
                Map<String, String> equalities = new LinkedHashMap<>();
                Matcher matcher = MATCHER.matcher(selector.group(2));
                while (matcher.find()) {
                  if (matcher.group(2).equals("=")) {
                    equalities.put(matcher.group(1), matcher.group(3));
                  }
                }
                assertTrue(
                    equalities.entrySet().containsAll(expected.entrySet()),
                    name + ": " + selector.group() + " selects " + expected);
              }
              assertTrue(selectors > 0, name + " has selectors");
            });
  }

  @Test
  void promtoolAcceptsTheRules(@TempDir Path directory) throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    assumeTrue(Files.isExecutable(promtool), "promtool is not installed");
    Map<String, Object> spec = prometheusRule.get("spec");
    assertEquals(Set.of("groups"), spec.keySet());
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Path file = directory.resolve("metrics-adapter.rules.yaml");
    Files.writeString(file, new Yaml(options).dump(spec), StandardCharsets.UTF_8);
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "rules", file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool finishes");
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("SUCCESS: " + ALERTS.size() + " rules found"), output);
  }

  // --- helpers ----------------------------------------------------------------------------------

  /**
   * The metric names an expression selects: what remains after removing strings, label matchers,
   * ranges, grouping clauses (so that an aggregation reads as a call), function calls and keywords.
   */
  static Set<String> metricNames(String expr) {
    String stripped =
        expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
            .replaceAll("\\{[^}]*}", "{}")
            .replaceAll("\\[[^]]*]", "[]")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher token =
        Pattern.compile("(?<![\\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()").matcher(stripped);
    while (token.find()) {
      if (!PROMQL_KEYWORDS.contains(token.group(1).toLowerCase(java.util.Locale.ROOT))) {
        names.add(token.group(1));
      }
    }
    return names;
  }

  private static Map<String, Map<String, Object>> alerts() {
    Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
    List<Map<String, Object>> groups = prometheusRule.get("spec", "groups");
    for (Map<String, Object> group : groups) {
      List<Map<String, Object>> rules = cast(group.get("rules"));
      for (Map<String, Object> rule : rules) {
        assertNull(alerts.put((String) rule.get("alert"), rule), "alert names are unique");
      }
    }
    return alerts;
  }

  private static String expr(Map<String, Object> rule) {
    return (String) rule.get("expr");
  }

  private static Map<String, String> labels(Map<String, Object> rule) {
    return cast(rule.get("labels"));
  }

  private static String prometheusUrl() {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().stream()
        .filter(a -> a.startsWith("--prometheus-url="))
        .map(a -> a.substring("--prometheus-url=".length()))
        .findFirst()
        .orElseThrow();
  }

  private static <T> T only(List<T> objects) {
    assertEquals(1, objects.size(), objects.toString());
    return objects.get(0);
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }
}
