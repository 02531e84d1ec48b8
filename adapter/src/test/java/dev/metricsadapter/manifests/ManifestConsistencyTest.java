package dev.metricsadapter.manifests;

import static dev.metricsadapter.manifests.Manifests.ROOT;
import static dev.metricsadapter.testing.Futures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.app.CheckDryRun;
import dev.metricsadapter.cli.ServeCommand;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.ResourceInfo;
import dev.metricsadapter.rules.CompiledRule;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.files.RuleFiles;
import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The manifests agree with each other and with the adapter: APIServices, Service, Deployment and
 * its probes, flags and volumes, RBAC, the demo's HPAs against the shipped rules, cert-manager and
 * the fallback certificate script.
 */
class ManifestConsistencyTest {

  /** The series the demo app exports (demo-app/): the source of every demo metric. */
  private static final String DEMO_SERIES = "http_requests_total";

  private static final Path DEMO = ROOT.resolve("demo");
  private static final BuiltinResourceMapper MAPPER = new BuiltinResourceMapper();

  private static List<HasMetadata> adapter;
  private static Deployment deployment;
  private static Container container;
  private static Service service;
  private static List<HasMetadata> demo;

  @BeforeAll
  static void load() {
    adapter = Manifests.objects(ROOT);
    deployment = Manifests.only(adapter, Deployment.class);
    container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    service = Manifests.only(adapter, Service.class);
    demo = Manifests.objects(DEMO);
  }

  // --- APIServices and Service -------------------------------------------------------------

  @Test
  void apiServicesRegisterTheMetricsGroupsAtTheAdapterService() {
    Map<String, Integer> priorities = new LinkedHashMap<>();
    for (APIService apiService : Manifests.all(adapter, APIService.class)) {
      var spec = apiService.getSpec();
      assertEquals(
          spec.getVersion() + "." + spec.getGroup(),
          apiService.getMetadata().getName(),
          "APIService names are <version>.<group>");
      assertPointsAtTheAdapterService(apiService);
      assertNull(spec.getCaBundle(), "the CA comes from cert-manager or serving-cert.sh");
      assertNotEquals(Boolean.TRUE, spec.getInsecureSkipTLSVerify());
      assertEquals(100, spec.getGroupPriorityMinimum());
      priorities.put(apiService.getMetadata().getName(), spec.getVersionPriority());
    }
    assertEquals(
        Map.of(
            "v1beta2.custom.metrics.k8s.io", 200,
            "v1beta1.custom.metrics.k8s.io", 100,
            "v1beta1.external.metrics.k8s.io", 100),
        priorities);
  }

  @Test
  void resourceMetricsComponentRegistersMetricsK8sIoAtTheAdapterService() {
    List<HasMetadata> component = Manifests.objects(ROOT.resolve("resource-metrics"));
    APIService apiService = Manifests.only(component, APIService.class);
    assertEquals("v1beta1.metrics.k8s.io", apiService.getMetadata().getName());
    assertEquals("metrics.k8s.io", apiService.getSpec().getGroup());
    assertPointsAtTheAdapterService(apiService);
    assertNull(apiService.getSpec().getCaBundle());
    assertNotEquals(Boolean.TRUE, apiService.getSpec().getInsecureSkipTLSVerify());
  }

  @Test
  void serviceSendsPort443ToTheSecurePortOfTheAdapterPods() {
    assertEquals(deployment.getMetadata().getNamespace(), service.getMetadata().getNamespace());
    assertSelects(service.getSpec().getSelector(), deployment);
    ServicePort port = service.getSpec().getPorts().get(0);
    assertEquals(1, service.getSpec().getPorts().size());
    assertEquals(443, port.getPort());
    assertEquals(6443, containerPort(container, port.getTargetPort()).getContainerPort());
    assertEquals(6443, Integer.parseInt(flags().get("--secure-port")));
  }

  // --- Deployment --------------------------------------------------------------------------

  @Test
  void deploymentRunsTwoSpreadReplicasKeptUpByAPodDisruptionBudget() {
    assertEquals(2, deployment.getSpec().getReplicas());
    assertMatches(deployment.getSpec().getSelector(), deployment);
    List<WeightedPodAffinityTerm> antiAffinity =
        deployment
            .getSpec()
            .getTemplate()
            .getSpec()
            .getAffinity()
            .getPodAntiAffinity()
            .getPreferredDuringSchedulingIgnoredDuringExecution();
    assertEquals(1, antiAffinity.size());
    assertEquals(
        "kubernetes.io/hostname", antiAffinity.get(0).getPodAffinityTerm().getTopologyKey());
    assertMatches(antiAffinity.get(0).getPodAffinityTerm().getLabelSelector(), deployment);

    PodDisruptionBudget budget = Manifests.only(adapter, PodDisruptionBudget.class);
    assertEquals(deployment.getMetadata().getNamespace(), budget.getMetadata().getNamespace());
    assertMatches(budget.getSpec().getSelector(), deployment);
    assertEquals(1, budget.getSpec().getMinAvailable().getIntVal());
  }

  @Test
  void probesUseHttpsOnTheSecurePort() {
    int securePort = Integer.parseInt(flags().get("--secure-port"));
    Map<String, Probe> probes = new LinkedHashMap<>();
    probes.put("/livez startup", container.getStartupProbe());
    probes.put("/livez liveness", container.getLivenessProbe());
    probes.put("/readyz readiness", container.getReadinessProbe());
    probes.forEach(
        (what, probe) -> {
          assertNotNull(probe, what);
          HTTPGetAction get = probe.getHttpGet();
          assertEquals(what.substring(0, what.indexOf(' ')), get.getPath(), what);
          assertEquals("HTTPS", get.getScheme(), what);
          assertEquals(
              securePort, containerPort(container, get.getPort()).getContainerPort(), what);
        });
  }

  @Test
  void argsAreAdapterFlagsAndConfigIsTheMountedRulesConfigMap() {
    // Unknown flags or malformed values fail here as they would at the adapter's startup.
    CommandLine commandLine =
        ServeCommand.commandLine(options -> 0, CheckDryRun::open, request -> new JsonObject());
    commandLine.parseArgs(container.getArgs().toArray(String[]::new));

    Map<String, String> flags = flags();
    // The README's kustomize patch for another Prometheus replaces /args/1.
    assertTrue(container.getArgs().get(1).startsWith("--prometheus-url="), "args[1]");
    String rulesConfigMap = "metrics-adapter-rules";
    VolumeMount rules =
        mountOf(
            volumeWith(
                v ->
                    v.getConfigMap() != null && rulesConfigMap.equals(v.getConfigMap().getName())));
    assertTrue(rules.getReadOnly());
    assertEquals(rules.getMountPath(), flags.get("--config"));
    assertEquals(List.of(rulesConfigMap), generatedConfigMapNames(ROOT));
    assertEquals(deployment.getMetadata().getNamespace(), generatorNamespace(ROOT));
  }

  @Test
  void servingCertificateComesFromTheTlsSecret() {
    Volume secret = volumeWith(v -> v.getSecret() != null);
    assertEquals("metrics-adapter-tls", secret.getSecret().getSecretName());
    String mountPath = mountOf(secret).getMountPath();
    assertEquals(mountPath + "/tls.crt", flags().get("--tls-cert-file"));
    assertEquals(mountPath + "/tls.key", flags().get("--tls-private-key-file"));
  }

  @Test
  void readOnlyRootFilesystemLeavesTheCertDirAndTmpWritable() {
    assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem());
    for (String path : List.of(flags().get("--cert-dir"), "/tmp")) {
      VolumeMount mount =
          container.getVolumeMounts().stream()
              .filter(m -> path.equals(m.getMountPath()) || path.startsWith(m.getMountPath() + "/"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no volume mounted at " + path));
      assertNotEquals(Boolean.TRUE, mount.getReadOnly(), path);
      Volume volume = volumeNamed(mount.getName());
      assertNotNull(volume.getEmptyDir(), path + " is an emptyDir");
    }
  }

  @Test
  void adapterRunsAsNonRootWithRequestsAndLimits() {
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertTrue(pod.getSecurityContext().getRunAsNonRoot());
    assertNotEquals(0L, pod.getSecurityContext().getRunAsUser());
    assertFalse(container.getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
    for (String resource : List.of("cpu", "memory")) {
      assertNotNull(container.getResources().getRequests().get(resource), "request " + resource);
      assertNotNull(container.getResources().getLimits().get(resource), "limit " + resource);
    }
    assertTrue(container.getImage().startsWith("ghcr.io/metrics-adapter/metrics-adapter:"));
  }

  // --- RBAC ---------------------------------------------------------------------------------

  @Test
  void bindingsNameTheAdapterServiceAccount() {
    ServiceAccount account = Manifests.only(adapter, ServiceAccount.class);
    String name = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
    assertEquals(account.getMetadata().getName(), name);
    assertEquals(deployment.getMetadata().getNamespace(), account.getMetadata().getNamespace());
    Subject adapterAccount =
        new Subject(null, "ServiceAccount", name, account.getMetadata().getNamespace());

    Map<String, Subject> subjectByRole = new LinkedHashMap<>();
    for (ClusterRoleBinding binding : Manifests.all(adapter, ClusterRoleBinding.class)) {
      assertEquals(1, binding.getSubjects().size());
      subjectByRole.put(
          roleName(binding.getRoleRef(), "ClusterRole"), binding.getSubjects().get(0));
    }
    RoleBinding authReader = Manifests.only(adapter, RoleBinding.class);
    assertEquals("kube-system", authReader.getMetadata().getNamespace());
    subjectByRole.put(roleName(authReader.getRoleRef(), "Role"), authReader.getSubjects().get(0));

    assertEquals(
        Map.of(
            "system:auth-delegator", adapterAccount,
            "extension-apiserver-authentication-reader", adapterAccount,
            "metrics-adapter-resource-reader", adapterAccount,
            "metrics-adapter-metrics-reader",
                new Subject(null, "ServiceAccount", "horizontal-pod-autoscaler", "kube-system")),
        subjectByRole);
    // The bound ClusterRoles of our own exist.
    Manifests.named(adapter, ClusterRole.class, "metrics-adapter-resource-reader");
    Manifests.named(adapter, ClusterRole.class, "metrics-adapter-metrics-reader");
  }

  @Test
  void resourceReaderGrantsExactlyTheResourcesTheRulesName() {
    ClusterRole reader =
        Manifests.named(adapter, ClusterRole.class, "metrics-adapter-resource-reader");
    assertEquals(
        Manifests.resourcesNamedByRules(ROOT.resolve("rules")), Manifests.resourcesGranted(reader));
  }

  @Test
  void metricsReaderReadsTheCustomAndExternalMetricsGroups() {
    ClusterRole reader =
        Manifests.named(adapter, ClusterRole.class, "metrics-adapter-metrics-reader");
    assertEquals(
        Set.of(
            new GroupResource("custom.metrics.k8s.io", "*"),
            new GroupResource("external.metrics.k8s.io", "*")),
        Manifests.resourcesGranted(reader));
  }

  // --- Demo -----------------------------------------------------------------------------------

  static Stream<Path> demoHpaFiles() throws IOException {
    try (Stream<Path> examples = Files.list(DEMO.resolve("examples"))) {
      return Stream.concat(
          Stream.of(DEMO.resolve("hpa.yaml")), examples.sorted().toList().stream());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("demoHpaFiles")
  void demoHpaScalesDemoAppOneToTenWithExplicitBehaviour(Path file) {
    HorizontalPodAutoscaler hpa = (HorizontalPodAutoscaler) Manifests.object(file);
    Deployment app =
        Manifests.named(demo, Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
    assertEquals("demo-app", hpa.getMetadata().getName(), "examples replace the demo's HPA");
    assertEquals(app.getMetadata().getNamespace(), hpa.getMetadata().getNamespace());
    assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
    assertEquals("apps/v1", hpa.getSpec().getScaleTargetRef().getApiVersion());
    assertNull(app.getSpec().getReplicas(), "the HPA owns the replica count");
    assertEquals(1, hpa.getSpec().getMinReplicas());
    assertEquals(10, hpa.getSpec().getMaxReplicas());
    assertEquals(1, hpa.getSpec().getMetrics().size());
    MetricTarget target = target(hpa.getSpec().getMetrics().get(0));
    assertEquals("AverageValue", target.getType());
    assertNotNull(target.getAverageValue());
    for (HPAScalingRules rules :
        List.of(
            hpa.getSpec().getBehavior().getScaleUp(), hpa.getSpec().getBehavior().getScaleDown())) {
      assertNotNull(rules.getStabilizationWindowSeconds());
      assertFalse(rules.getPolicies().isEmpty());
    }
  }

  @Test
  void podsHpaTargetsTenRequestsPerSecondPerPod() {
    HorizontalPodAutoscaler hpa = Manifests.only(demo, HorizontalPodAutoscaler.class);
    MetricSpec metric = hpa.getSpec().getMetrics().get(0);
    assertEquals("Pods", metric.getType());
    assertEquals("http_requests_per_second", metric.getPods().getMetric().getName());
    assertEquals("10", metric.getPods().getTarget().getAverageValue().toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("demoHpaFiles")
  void demoHpaMetricIsServedByTheShippedRules(Path file) {
    HorizontalPodAutoscaler hpa = (HorizontalPodAutoscaler) Manifests.object(file);
    CompiledRules rules = RuleFiles.load(ROOT.resolve("rules"), MAPPER);
    MetricSpec metric = hpa.getSpec().getMetrics().get(0);
    switch (metric.getType()) {
      case "Pods" ->
          assertCustomMetric(
              rules, metric.getPods().getMetric().getName(), GroupResource.core("pods"));
      case "Object" -> {
        var described = metric.getObject().getDescribedObject();
        ResourceInfo resource = resolveKind(described.getApiVersion(), described.getKind());
        assertCustomMetric(
            rules, metric.getObject().getMetric().getName(), resource.groupResource());
        // The described object is part of the demo.
        HasMetadata object =
            demo.stream()
                .filter(o -> o.getKind().equals(described.getKind()))
                .filter(o -> o.getMetadata().getName().equals(described.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the demo has no " + described));
        assertEquals(hpa.getMetadata().getNamespace(), object.getMetadata().getNamespace());
      }
      case "External" -> {
        String name = metric.getExternal().getMetric().getName();
        assertTrue(
            rules.externalRules().stream().anyMatch(r -> serves(r, name)),
            "an externalRules entry names " + DEMO_SERIES + " " + name);
      }
      default -> throw new AssertionError("unexpected metric type " + metric.getType());
    }
  }

  @Test
  void demoServiceAndLoadGeneratorReachTheDemoApp() {
    Deployment app = Manifests.named(demo, Deployment.class, "demo-app");
    Service demoService = Manifests.named(demo, Service.class, "demo-app");
    assertSelects(demoService.getSpec().getSelector(), app);
    assertMatches(app.getSpec().getSelector(), app);
    Container appContainer = app.getSpec().getTemplate().getSpec().getContainers().get(0);
    ServicePort http = demoService.getSpec().getPorts().get(0);
    assertEquals(8080, containerPort(appContainer, http.getTargetPort()).getContainerPort());
    assertEquals("/healthz", appContainer.getReadinessProbe().getHttpGet().getPath());

    // Scrape annotations name the port the pods serve /metrics on.
    Map<String, String> annotations = demoService.getMetadata().getAnnotations();
    assertEquals("true", annotations.get("prometheus.io/scrape"));
    assertEquals("/metrics", annotations.get("prometheus.io/path"));
    assertEquals(
        appContainer.getPorts().get(0).getContainerPort(),
        Integer.parseInt(annotations.get("prometheus.io/port")));

    Deployment load = Manifests.named(demo, Deployment.class, "demo-load");
    assertMatches(load.getSpec().getSelector(), load);
    List<String> args = load.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    assertEquals("load", args.get(0));
    URI target =
        URI.create(
            args.stream()
                .filter(a -> a.startsWith("--target="))
                .findFirst()
                .orElseThrow()
                .substring("--target=".length()));
    assertEquals(
        demoService.getMetadata().getName()
            + "."
            + demoService.getMetadata().getNamespace()
            + ".svc",
        target.getHost());
    assertEquals(http.getPort(), target.getPort());
  }

  @Test
  void serviceMonitorSelectsTheDemoServiceAndItsPort() {
    Service demoService = Manifests.named(demo, Service.class, "demo-app");
    GenericKubernetesResource monitor =
        (GenericKubernetesResource)
            Manifests.object(DEMO.resolve("servicemonitor").resolve("servicemonitor.yaml"));
    assertEquals("monitoring.coreos.com/v1", monitor.getApiVersion());
    assertEquals(demoService.getMetadata().getNamespace(), monitor.getMetadata().getNamespace());
    Map<String, Object> spec = monitor.get("spec");
    Map<String, String> matchLabels = monitor.get("spec", "selector", "matchLabels");
    assertTrue(
        demoService.getMetadata().getLabels().entrySet().containsAll(matchLabels.entrySet()));
    List<Map<String, Object>> endpoints = cast(spec.get("endpoints"));
    assertEquals(demoService.getSpec().getPorts().get(0).getName(), endpoints.get(0).get("port"));
    assertEquals("/metrics", endpoints.get(0).get("path"));
  }

  @Test
  void prometheusExampleLabelsSeriesForEveryResourceTheDemoRulesName() {
    Map<String, Object> config =
        Manifests.yamlMap(ROOT.resolve("prometheus").resolve("prometheus.yml"));
    List<Map<String, Object>> jobs = cast(config.get("scrape_configs"));
    assertEquals(1, jobs.size());
    List<Map<String, Object>> relabels = cast(jobs.get(0).get("relabel_configs"));
    Set<String> targetLabels = new TreeSet<>();
    Set<String> sourceLabels = new TreeSet<>();
    for (Map<String, Object> relabel : relabels) {
      Optional.ofNullable((String) relabel.get("target_label")).ifPresent(targetLabels::add);
      List<String> sources = cast(relabel.getOrDefault("source_labels", List.of()));
      sourceLabels.addAll(sources);
    }
    // Each label the demo rules map to a resource is set by the scrape job.
    assertTrue(
        targetLabels.containsAll(Set.of("namespace", "pod", "service")), targetLabels.toString());
    // Each annotation of the demo Service is one the job reads.
    Service demoService = Manifests.named(demo, Service.class, "demo-app");
    for (String annotation : demoService.getMetadata().getAnnotations().keySet()) {
      String meta =
          "__meta_kubernetes_service_annotation_" + annotation.replaceAll("[^a-zA-Z0-9_]", "_");
      assertTrue(sourceLabels.contains(meta), "the scrape job reads " + annotation);
    }
  }

  // --- TLS --------------------------------------------------------------------------------------

  @Test
  void certManagerIssuesTheMountedSecretForTheServiceName() {
    Path directory = ROOT.resolve("cert-manager");
    List<HasMetadata> objects = Manifests.objects(directory);
    GenericKubernetesResource serving =
        genericNamed(objects, "Certificate", "metrics-adapter-serving");
    GenericKubernetesResource ca = genericNamed(objects, "Certificate", "metrics-adapter-ca");
    String namespace = deployment.getMetadata().getNamespace();
    for (HasMetadata object : objects) {
      assertEquals(namespace, object.getMetadata().getNamespace(), object.getMetadata().getName());
      assertEquals("cert-manager.io/v1", object.getApiVersion());
    }
    assertEquals(
        volumeWith(v -> v.getSecret() != null).getSecret().getSecretName(),
        serving.get("spec", "secretName"));
    List<String> dnsNames = serving.get("spec", "dnsNames");
    assertTrue(dnsNames.contains(serviceDnsName()), dnsNames.toString());
    assertEquals(true, ca.get("spec", "isCA"));
    // The serving certificate is signed by the CA issuer, which signs with the CA's secret.
    GenericKubernetesResource caIssuer =
        genericNamed(objects, "Issuer", serving.get("spec", "issuerRef", "name"));
    assertEquals(
        (String) ca.get("spec", "secretName"), (String) caIssuer.get("spec", "ca", "secretName"));
    genericNamed(objects, "Issuer", ca.get("spec", "issuerRef", "name"));

    APIService patch =
        (APIService) Manifests.object(directory.resolve("patch-apiservice-inject-ca.yaml"));
    assertEquals(
        namespace + "/" + serving.getMetadata().getName(),
        patch.getMetadata().getAnnotations().get("cert-manager.io/inject-ca-from"));
  }

  @Test
  void servingCertScriptDefaultsMatchTheManifests() {
    String script = Manifests.read(ROOT.resolve("tls").resolve("serving-cert.sh"));
    assertEquals(deployment.getMetadata().getNamespace(), scriptDefault(script, "namespace"));
    assertEquals(service.getMetadata().getName(), scriptDefault(script, "service"));
    assertEquals(
        volumeWith(v -> v.getSecret() != null).getSecret().getSecretName(),
        scriptDefault(script, "secret"));
  }

  @Test
  void servingCertScriptHelpIsItsHeaderComment() throws Exception {
    Process process =
        new ProcessBuilder(
                "/bin/bash", ROOT.resolve("tls").resolve("serving-cert.sh").toString(), "--help")
            .redirectErrorStream(true)
            .start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the script finishes");
    String help = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), help);
    assertTrue(help.startsWith("Serving certificate for the adapter"), help);
    assertTrue(help.trim().endsWith("kubectl unless --no-apply."), help);
    assertTrue(!help.contains("set -euo pipefail"), help);
  }

  @Test
  void servingCertScriptMakesACertificateTheAdapterCanServe(@TempDir Path out) throws Exception {
    Path bash = Path.of("/bin/bash");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(bash), "bash is missing");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Stream.of("/usr/bin/openssl", "/bin/openssl", "/usr/local/bin/openssl")
            .anyMatch(p -> Files.isExecutable(Path.of(p))),
        "openssl is missing");
    Process process =
        new ProcessBuilder(
                bash.toString(),
                ROOT.resolve("tls").resolve("serving-cert.sh").toString(),
                "--no-apply",
                "--out",
                out.toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the script finishes");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);

    X509Certificate ca = certificate(out.resolve("ca.crt"));
    X509Certificate leaf = certificate(out.resolve("tls.crt"));
    leaf.verify(ca.getPublicKey());
    leaf.checkValidity();
    assertEquals(-1, leaf.getBasicConstraints(), "not a CA");
    assertTrue(ca.getBasicConstraints() >= 0, "a CA");
    List<String> dnsNames = new ArrayList<>();
    for (List<?> name : leaf.getSubjectAlternativeNames()) {
      if (Integer.valueOf(2).equals(name.get(0))) {
        dnsNames.add((String) name.get(1));
      }
    }
    assertTrue(dnsNames.contains(serviceDnsName()), dnsNames.toString());
    assertTrue(leaf.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");

    // The adapter serves with Vert.x PEM options: they must accept the key and chain.
    Vertx vertx = Vertx.vertx();
    try {
      var keyManagers =
          new PemKeyCertOptions()
              .setCertPath(out.resolve("tls.crt").toString())
              .setKeyPath(out.resolve("tls.key").toString())
              .getKeyManagerFactory(vertx);
      assertNotNull(keyManagers);
    } finally {
      await(vertx.close());
    }
  }

  // --- helpers ----------------------------------------------------------------------------------

  private static String serviceDnsName() {
    return service.getMetadata().getName() + "." + service.getMetadata().getNamespace() + ".svc";
  }

  private static void assertPointsAtTheAdapterService(APIService apiService) {
    var target = apiService.getSpec().getService();
    assertEquals(service.getMetadata().getName(), target.getName());
    assertEquals(service.getMetadata().getNamespace(), target.getNamespace());
    assertEquals(443, target.getPort());
    assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == 443));
  }

  private static void assertCustomMetric(
      CompiledRules rules, String metric, GroupResource resource) {
    boolean served =
        rules.rules().stream()
            .filter(rule -> serves(rule, metric))
            .anyMatch(rule -> associates(rule, resource));
    assertTrue(served, "a rule serves " + resource + "/" + metric + " from " + DEMO_SERIES);
  }

  private static boolean serves(CompiledRule rule, String metric) {
    return rule.keeps(DEMO_SERIES) && rule.metricName(DEMO_SERIES).equals(Optional.of(metric));
  }

  /** Whether one of the labels the demo series carry (as scraped) names {@code resource}. */
  private static boolean associates(CompiledRule rule, GroupResource resource) {
    var resolver = rule.resources().resolver(MAPPER);
    return Stream.of("namespace", "pod", "service")
        .map(resolver::resourceFor)
        .flatMap(Optional::stream)
        .anyMatch(info -> info.groupResource().equals(resource));
  }

  private static ResourceInfo resolveKind(String apiVersion, String kind) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return MAPPER
        .resolve(group, kind)
        .orElseThrow(() -> new AssertionError("unknown kind " + kind));
  }

  private static MetricTarget target(MetricSpec metric) {
    return switch (metric.getType()) {
      case "Pods" -> metric.getPods().getTarget();
      case "Object" -> metric.getObject().getTarget();
      case "External" -> metric.getExternal().getTarget();
      default -> throw new AssertionError("unexpected metric type " + metric.getType());
    };
  }

  private static Map<String, String> flags() {
    Map<String, String> flags = new LinkedHashMap<>();
    for (String arg : container.getArgs()) {
      assertTrue(arg.startsWith("--") && arg.contains("="), "--flag=value form: " + arg);
      String previous =
          flags.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      assertNull(previous, "given once: " + arg);
    }
    return flags;
  }

  private static ContainerPort containerPort(Container in, IntOrString port) {
    return in.getPorts().stream()
        .filter(
            p ->
                port.getIntVal() != null
                    ? port.getIntVal().equals(p.getContainerPort())
                    : port.getStrVal().equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(in.getName() + " has no port " + port));
  }

  private static Volume volumeWith(java.util.function.Predicate<Volume> test) {
    List<Volume> volumes =
        deployment.getSpec().getTemplate().getSpec().getVolumes().stream().filter(test).toList();
    assertEquals(1, volumes.size(), "one such volume");
    return volumes.get(0);
  }

  private static Volume volumeNamed(String name) {
    return volumeWith(v -> v.getName().equals(name));
  }

  private static VolumeMount mountOf(Volume volume) {
    return container.getVolumeMounts().stream()
        .filter(m -> m.getName().equals(volume.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("volume " + volume.getName() + " is not mounted"));
  }

  private static void assertSelects(Map<String, String> selector, Deployment target) {
    Map<String, String> labels = target.getSpec().getTemplate().getMetadata().getLabels();
    assertFalse(selector.isEmpty());
    assertTrue(labels.entrySet().containsAll(selector.entrySet()), selector + " selects " + labels);
  }

  private static void assertMatches(LabelSelector selector, Deployment target) {
    assertTrue(
        selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty(),
        "matchLabels only");
    assertSelects(selector.getMatchLabels(), target);
  }

  private static String roleName(RoleRef ref, String kind) {
    assertEquals(kind, ref.getKind());
    assertEquals("rbac.authorization.k8s.io", ref.getApiGroup());
    return ref.getName();
  }

  private static GenericKubernetesResource genericNamed(
      List<HasMetadata> objects, String kind, String name) {
    return Manifests.generic(objects, kind).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }

  @SuppressWarnings("unchecked")
  private static List<String> generatedConfigMapNames(Path directory) {
    List<Map<String, Object>> generators =
        (List<Map<String, Object>>)
            Manifests.yamlMap(directory.resolve("kustomization.yaml")).get("configMapGenerator");
    return generators.stream().map(g -> (String) g.get("name")).toList();
  }

  @SuppressWarnings("unchecked")
  private static String generatorNamespace(Path directory) {
    List<Map<String, Object>> generators =
        (List<Map<String, Object>>)
            Manifests.yamlMap(directory.resolve("kustomization.yaml")).get("configMapGenerator");
    return (String) generators.get(0).get("namespace");
  }

  private static String scriptDefault(String script, String variable) {
    Matcher matcher = Pattern.compile("(?m)^" + variable + "=(\\S+)$").matcher(script);
    assertTrue(matcher.find(), "the script sets a default " + variable);
    return matcher.group(1);
  }

  private static X509Certificate certificate(Path file) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }
}
