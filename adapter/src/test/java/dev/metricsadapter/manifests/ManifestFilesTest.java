package dev.metricsadapter.manifests;

import static dev.metricsadapter.manifests.Manifests.ROOT;
import static dev.metricsadapter.manifests.Manifests.RULES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.manifests.Manifests.Kustomization;
import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The files under manifests/: one object per file, each parsing into fabric8's model for its kind
 * without unknown fields; every kustomization names every file of its directory; the rules
 * ConfigMap's sources are exact copies of rules/; nothing skips TLS verification.
 */
class ManifestFilesTest {

  /** Directories of plain example files, applied with kubectl apply -f, not by kustomize. */
  private static final Path EXAMPLES = ROOT.resolve("demo").resolve("examples");

  private static final Map<String, Class<?>> MODEL_BY_KIND =
      Map.ofEntries(
          Map.entry("Namespace", Namespace.class),
          Map.entry("ServiceAccount", ServiceAccount.class),
          Map.entry("Service", Service.class),
          Map.entry("Deployment", Deployment.class),
          Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("ClusterRole", ClusterRole.class),
          Map.entry("ClusterRoleBinding", ClusterRoleBinding.class),
          Map.entry("RoleBinding", RoleBinding.class),
          Map.entry("APIService", APIService.class),
          Map.entry("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          // CRDs without a fabric8 model: cert-manager and the Prometheus Operator.
          Map.entry("Issuer", GenericKubernetesResource.class),
          Map.entry("Certificate", GenericKubernetesResource.class),
          Map.entry("ServiceMonitor", GenericKubernetesResource.class),
          Map.entry("PrometheusRule", GenericKubernetesResource.class));

  /** Every object file: what the kustomizations list as resources, and the examples. */
  static Stream<Path> objectFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path directory : Manifests.kustomizationDirectories()) {
      for (String resource : Manifests.kustomization(directory).resources()) {
        Path file = directory.resolve(resource);
        if (Files.isRegularFile(file)) {
          files.add(file);
        }
      }
    }
    try (Stream<Path> examples = Files.list(EXAMPLES)) {
      examples.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
    }
    assertTrue(files.size() > 20, "found only " + files);
    return files.stream();
  }

  static Stream<Path> kustomizationDirectories() {
    return Manifests.kustomizationDirectories().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objectFiles")
  void parsesIntoTheTypedModelOfItsKind(Path file) {
    List<Object> documents = Manifests.yamlDocuments(Manifests.read(file));
    assertEquals(1, documents.size(), "one object per file");
    HasMetadata object = Manifests.object(file);
    Class<?> model = MODEL_BY_KIND.get(object.getKind());
    assertTrue(model != null, "a kind this test knows: " + object.getKind());
    assertInstanceOf(model, object, file + " parses as " + model.getSimpleName());
    assertFalse(object.getMetadata().getName().isBlank(), "named");
    Manifests.assertNoUnknownFields(object, file.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kustomizationDirectories")
  void kustomizationNamesEveryFileOfItsDirectory(Path directory) throws IOException {
    Kustomization kustomization = Manifests.kustomization(directory);
    Set<String> named = new TreeSet<>(kustomization.namedFiles());
    for (String file : named) {
      assertTrue(Files.isRegularFile(directory.resolve(file)), directory + ": missing " + file);
    }
    for (String component : kustomization.components()) {
      assertTrue(Files.isDirectory(directory.resolve(component)), "component " + component);
    }
    Set<String> present = new TreeSet<>();
    try (Stream<Path> files = Files.list(directory)) {
      files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.equals("kustomization.yaml"))
          .forEach(present::add);
    }
    // A subdirectory holding a file the kustomization names (rules/) must be named in full.
    try (Stream<Path> subdirectories = Files.list(directory)) {
      for (Path subdirectory : subdirectories.filter(Files::isDirectory).toList()) {
        String prefix = directory.relativize(subdirectory) + "/";
        if (named.stream().anyMatch(name -> name.startsWith(prefix))) {
          try (Stream<Path> files = Files.list(subdirectory)) {
            files.map(p -> directory.relativize(p).toString()).forEach(present::add);
          }
        }
      }
    }
    Set<String> namedHere = new TreeSet<>(named);
    namedHere.removeIf(name -> name.startsWith(".."));
    assertEquals(present, namedHere, directory + ": files and kustomization entries");
  }

  @Test
  void rulesConfigMapSourcesAreExactCopiesOfTheRepositoryRules() throws IOException {
    // kustomize refuses files outside the kustomization root, symlinks included, so
    // manifests/rules/ holds copies. Fix a failure with: cp rules/*.yaml manifests/rules/
    Path copies = ROOT.resolve("rules");
    assertEquals(fileNames(RULES), fileNames(copies), "manifests/rules/ has the files of rules/");
    for (String name : fileNames(RULES)) {
      assertArrayEquals(
          Files.readAllBytes(RULES.resolve(name)),
          Files.readAllBytes(copies.resolve(name)),
          "manifests/rules/"
              + name
              + " differs from rules/"
              + name
              + ": run cp rules/*.yaml manifests/rules/");
    }
    List<String> generated = new ArrayList<>();
    for (String file : Manifests.kustomization(ROOT).generatorFiles()) {
      if (file.startsWith("rules/")) {
        generated.add(file.substring("rules/".length()));
      }
    }
    assertEquals(List.copyOf(fileNames(RULES)), generated, "every rule file is in the ConfigMap");
  }

  @Test
  void nothingSkipsTlsVerification() throws IOException {
    Pattern skip =
        Pattern.compile("insecureSkipTLSVerify\"?\\s*:\\s*\"?true", Pattern.CASE_INSENSITIVE);
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(
            skip.matcher(Manifests.read(file)).find(), file + " sets insecureSkipTLSVerify");
      }
    }
  }

  @Test
  void scriptsAreExecutable() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      List<Path> scripts = files.filter(p -> p.toString().endsWith(".sh")).toList();
      assertFalse(scripts.isEmpty());
      for (Path script : scripts) {
        assertTrue(Files.isExecutable(script), script + " is executable");
        assertTrue(Manifests.read(script).startsWith("#!/usr/bin/env bash\n"), script.toString());
      }
    }
  }

  private static Set<String> fileNames(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return new TreeSet<>(
          files
              .map(p -> p.getFileName().toString())
              .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
              .toList());
    }
  }
}
