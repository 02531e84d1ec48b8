package dev.metricsadapter.manifests;

import static dev.metricsadapter.manifests.Manifests.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.files.RuleFiles;
import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders the kustomizations with {@code kubectl kustomize}, as {@code kubectl apply -k} does, and
 * checks what comes out: the kinds and counts of objects, and that the optional components combine
 * with the adapter. Skipped when kubectl is not installed.
 */
class KustomizeBuildTest {

  private static Path kubectl;

  @BeforeAll
  static void findKubectl() {
    kubectl =
        Stream.concat(
                Stream.of(Path.of("/usr/bin/kubectl")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                    .filter(d -> !d.isEmpty())
                    .map(d -> Path.of(d, "kubectl")))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    assumeTrue(kubectl != null, "kubectl is not installed");
  }

  @Test
  void adapterRendersItsObjects() throws Exception {
    List<HasMetadata> objects = render(ROOT);
    assertEquals(
        Map.ofEntries(
            Map.entry("APIService", 3),
            Map.entry("ClusterRole", 2),
            Map.entry("ClusterRoleBinding", 3),
            Map.entry("ConfigMap", 1),
            Map.entry("Deployment", 1),
            Map.entry("Namespace", 1),
            Map.entry("PodDisruptionBudget", 1),
            Map.entry("RoleBinding", 1),
            Map.entry("Service", 1),
            Map.entry("ServiceAccount", 1)),
        kinds(objects));
    // No `namespace:` transformer moved the auth-reader binding out of kube-system.
    assertEquals(
        "kube-system", Manifests.only(objects, RoleBinding.class).getMetadata().getNamespace());
    assertRulesConfigMapIsMountedAndCompiles(objects);
  }

  @Test
  void demoRendersItsObjects() throws Exception {
    assertEquals(
        Map.of("Deployment", 2, "HorizontalPodAutoscaler", 1, "Namespace", 1, "Service", 1),
        kinds(render(ROOT.resolve("demo"))));
    assertEquals(
        Map.of("ServiceMonitor", 1), kinds(render(ROOT.resolve("demo").resolve("servicemonitor"))));
  }

  @Test
  void monitoringRendersItsObjectsAndCombinesWithTheAdapter() throws Exception {
    Path monitoring = ROOT.resolve("monitoring");
    assertEquals(
        Map.of("ClusterRole", 1, "ClusterRoleBinding", 1, "PrometheusRule", 1, "ServiceMonitor", 1),
        kinds(render(monitoring)));
    // Applied next to the adapter (one kustomization of the user's): no object clashes.
    List<HasMetadata> objects = renderUser(List.of("", "/monitoring"), List.of());
    Map<String, Integer> kinds = kinds(objects);
    assertEquals(3, kinds.get("ClusterRole"));
    assertEquals(4, kinds.get("ClusterRoleBinding"));
    assertEquals(1, kinds.get("ServiceMonitor"));
    assertEquals(1, kinds.get("PrometheusRule"));
    assertRulesConfigMapIsMountedAndCompiles(objects);
  }

  @Test
  void certManagerComponentAnnotatesEveryApiService() throws Exception {
    List<HasMetadata> objects = renderWith("cert-manager");
    Map<String, Integer> kinds = kinds(objects);
    assertEquals(2, kinds.get("Issuer"));
    assertEquals(2, kinds.get("Certificate"));
    assertEquals(3, kinds.get("APIService"));
    for (APIService apiService : Manifests.all(objects, APIService.class)) {
      assertEquals(
          "metrics-adapter/metrics-adapter-serving",
          apiService.getMetadata().getAnnotations().get("cert-manager.io/inject-ca-from"),
          apiService.getMetadata().getName());
    }
  }

  @Test
  void resourceMetricsComponentCombinesWithCertManager() throws Exception {
    List<HasMetadata> objects = renderWith("resource-metrics", "cert-manager");
    List<APIService> apiServices = Manifests.all(objects, APIService.class);
    assertEquals(4, apiServices.size());
    assertTrue(
        apiServices.stream()
            .allMatch(
                a ->
                    a.getMetadata().getAnnotations().containsKey("cert-manager.io/inject-ca-from")),
        "cert-manager also patches v1beta1.metrics.k8s.io when listed after resource-metrics");
    assertRulesConfigMapIsMountedAndCompiles(objects);
    assertEquals(3, Manifests.all(objects, ClusterRole.class).size());
    ClusterRole reader =
        Manifests.named(objects, ClusterRole.class, "metrics-adapter-metrics-reader");
    assertTrue(
        Manifests.resourcesGranted(reader)
            .contains(new dev.metricsadapter.resources.GroupResource("metrics.k8s.io", "pods")));
  }

  /**
   * The generated ConfigMap is the one the Deployment mounts (hash suffix and all), its files load
   * as one configuration, and the adapter may list exactly the resources those rules name.
   */
  private static void assertRulesConfigMapIsMountedAndCompiles(List<HasMetadata> objects)
      throws IOException {
    ConfigMap rules = Manifests.only(objects, ConfigMap.class);
    assertTrue(rules.getMetadata().getName().startsWith("metrics-adapter-rules-"));
    Deployment deployment = Manifests.only(objects, Deployment.class);
    List<String> mounted =
        deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getConfigMap() != null)
            .map(Volume::getConfigMap)
            .map(c -> c.getName())
            .toList();
    assertEquals(List.of(rules.getMetadata().getName()), mounted);

    Path directory = Files.createTempDirectory("manifest-rules");
    try {
      for (Map.Entry<String, String> file : rules.getData().entrySet()) {
        Files.writeString(directory.resolve(file.getKey()), file.getValue());
      }
      CompiledRules compiled = RuleFiles.load(directory, new BuiltinResourceMapper());
      assertTrue(compiled.warnings().isEmpty(), compiled.warnings().toString());
      ClusterRole reader =
          Manifests.named(objects, ClusterRole.class, "metrics-adapter-resource-reader");
      assertEquals(Manifests.resourcesNamedByRules(directory), Manifests.resourcesGranted(reader));
    } finally {
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(directory);
    }
  }

  /** Renders the adapter with components, through a kustomization of the user's own. */
  private static List<HasMetadata> renderWith(String... components) throws Exception {
    return renderUser(List.of(""), Stream.of(components).map(c -> "/" + c).toList());
  }

  /**
   * Renders a kustomization of the user's own listing {@code resources} and {@code components},
   * each a path relative to manifests/ ("" for manifests/ itself, "/monitoring", ...).
   */
  private static List<HasMetadata> renderUser(List<String> resources, List<String> components)
      throws Exception {
    // kustomize accepts neither absolute paths nor a parent of the kustomization root: the
    // user's kustomization lives in a directory of its own, next to the repository's files.
    Path user = Files.createTempDirectory(Path.of("target"), "kustomize-user");
    try {
      String base = user.relativize(ROOT).toString();
      String text =
          "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
              + resources.stream().map(r -> "- " + base + r + "\n").collect(Collectors.joining())
              + (components.isEmpty() ? "" : "components:\n")
              + components.stream().map(c -> "- " + base + c + "\n").collect(Collectors.joining());
      Files.writeString(user.resolve("kustomization.yaml"), text);
      return render(user);
    } finally {
      Files.deleteIfExists(user.resolve("kustomization.yaml"));
      Files.deleteIfExists(user);
    }
  }

  private static List<HasMetadata> render(Path directory) throws Exception {
    Path output = Files.createTempFile("kustomize", ".yaml");
    try {
      Process process =
          new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
              .redirectOutput(output.toFile())
              .redirectErrorStream(false)
              .start();
      String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize finishes");
      assertEquals(0, process.exitValue(), "kubectl kustomize " + directory + ": " + errors);
      String yaml = Files.readString(output);
      assertFalse(yaml.contains("insecureSkipTLSVerify: true"));
      List<HasMetadata> objects = Manifests.objectsOfStream(yaml);
      for (HasMetadata object : objects) {
        Manifests.assertNoUnknownFields(
            object, object.getKind() + " " + object.getMetadata().getName());
      }
      return objects;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static Map<String, Integer> kinds(List<HasMetadata> objects) {
    return objects.stream()
        .collect(Collectors.toMap(HasMetadata::getKind, o -> 1, Integer::sum, TreeMap::new));
  }
}
