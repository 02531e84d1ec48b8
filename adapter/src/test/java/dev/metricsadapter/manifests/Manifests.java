package dev.metricsadapter.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.ResourceInfo;
import dev.metricsadapter.rules.GroupResourceRef;
import dev.metricsadapter.rules.ResourceMapping;
import dev.metricsadapter.rules.RuleConfig;
import dev.metricsadapter.rules.RuleConfigParser;
import dev.metricsadapter.rules.files.RuleFiles;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads the files under {@code manifests/}: kustomizations, the objects they list (as fabric8's
 * typed models), and the rule files the adapter's ConfigMap is generated from. Paths are relative
 * to the adapter module, where surefire runs.
 */
final class Manifests {

  static final Path ROOT = Path.of("..", "manifests");
  static final Path RULES = Path.of("..", "rules");
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final BuiltinResourceMapper MAPPER = new BuiltinResourceMapper();

  private Manifests() {}

  /** A kustomization.yaml, reduced to the files it names (relative to its directory). */
  record Kustomization(
      Path directory,
      String kind,
      List<String> resources,
      List<String> components,
      List<String> patches,
      List<String> generatorFiles) {

    /** Every file of this directory tree the kustomization names, resources included. */
    Set<String> namedFiles() {
      Set<String> all = new LinkedHashSet<>(resources);
      all.addAll(patches);
      all.addAll(generatorFiles);
      return all;
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every YAML document of a file, as snakeyaml maps and lists. */
  static List<Object> yamlDocuments(String text) {
    List<Object> documents = new ArrayList<>();
    for (Object document : new Yaml().loadAll(text)) {
      if (document != null) {
        documents.add(document);
      }
    }
    return documents;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yamlMap(Path file) {
    List<Object> documents = yamlDocuments(read(file));
    assertEquals(1, documents.size(), file + ": one YAML document");
    assertTrue(documents.get(0) instanceof Map, file + ": a mapping");
    return (Map<String, Object>) documents.get(0);
  }

  /** Directories under manifests/ holding a kustomization.yaml, root first. */
  static List<Path> kustomizationDirectories() {
    try (Stream<Path> paths = Files.walk(ROOT)) {
      return paths
          .filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
          .map(Path::getParent)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Kustomization kustomization(Path directory) {
    Map<String, Object> yaml = yamlMap(directory.resolve("kustomization.yaml"));
    List<String> patches = new ArrayList<>();
    for (Map<String, Object> patch : maps(yaml.get("patches"))) {
      if (patch.get("path") != null) {
        patches.add((String) patch.get("path"));
      }
    }
    List<String> generatorFiles = new ArrayList<>();
    for (Map<String, Object> generator : maps(yaml.get("configMapGenerator"))) {
      generatorFiles.addAll(strings(generator.get("files")));
    }
    return new Kustomization(
        directory,
        (String) yaml.getOrDefault("kind", "Kustomization"),
        strings(yaml.get("resources")),
        strings(yaml.get("components")),
        patches,
        generatorFiles);
  }

  /** The objects a kustomization lists in {@code resources} (files only, not directories). */
  static List<HasMetadata> objects(Path directory) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String resource : kustomization(directory).resources()) {
      Path file = directory.resolve(resource);
      if (Files.isRegularFile(file)) {
        objects.add(object(file));
      }
    }
    return objects;
  }

  static HasMetadata object(Path file) {
    Object parsed = SERIALIZATION.unmarshal(read(file));
    if (!(parsed instanceof HasMetadata object)) {
      throw new AssertionError(file + ": not a Kubernetes object but " + parsed);
    }
    return object;
  }

  /** Every object of a multi-document YAML stream, such as kubectl kustomize's output. */
  static List<HasMetadata> objectsOfStream(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : yaml.split("(?m)^---$")) {
      if (!document.isBlank()) {
        objects.add((HasMetadata) SERIALIZATION.unmarshal(document));
      }
    }
    return objects;
  }

  static <T extends HasMetadata> List<T> all(Collection<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends HasMetadata> T only(Collection<HasMetadata> objects, Class<T> type) {
    List<T> found = all(objects, type);
    assertEquals(1, found.size(), "exactly one " + type.getSimpleName());
    return found.get(0);
  }

  static <T extends HasMetadata> T named(
      Collection<HasMetadata> objects, Class<T> type, String name) {
    return all(objects, type).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
  }

  static List<GenericKubernetesResource> generic(Collection<HasMetadata> objects, String kind) {
    return all(objects, GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals(kind))
        .toList();
  }

  /**
   * Fails if fabric8 put any field of the object into an {@code additionalProperties} map: such a
   * field is unknown to the Kubernetes schema (a typo) and the API server would drop or reject it.
   */
  static void assertNoUnknownFields(Object model, String where) {
    List<String> unknown = new ArrayList<>();
    collectUnknownFields(model, where, unknown);
    if (!unknown.isEmpty()) {
      fail("fields unknown to the Kubernetes schema: " + unknown);
    }
  }

  private static void collectUnknownFields(Object value, String path, List<String> unknown) {
    if (value instanceof Collection<?> collection) {
      int i = 0;
      for (Object element : collection) {
        collectUnknownFields(element, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, unknown));
      return;
    }
    if (value == null
        || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object child;
      try {
        child = getter.invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      String name = getter.getName().substring(3);
      if (name.equals("AdditionalProperties")) {
        // A generic resource (ServiceMonitor, Certificate) keeps its whole body there.
        if (!(value instanceof GenericKubernetesResource)
            && child instanceof Map<?, ?> extra
            && !extra.isEmpty()) {
          unknown.add(path + ": " + extra.keySet());
        }
        continue;
      }
      collectUnknownFields(child, path + "." + decapitalize(name), unknown);
    }
  }

  private static String decapitalize(String name) {
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /**
   * The resources named by the {@code resources.overrides} of every rule (custom, external and
   * resource rules) in a rule file or directory, normalized as the adapter does.
   */
  static Set<GroupResource> resourcesNamedByRules(Path rules) {
    RuleConfig config = new RuleConfigParser().parse(RuleFiles.read(rules));
    List<ResourceMapping> mappings = new ArrayList<>();
    config.rules().forEach(r -> mappings.add(r.resources()));
    config.externalRules().forEach(r -> mappings.add(r.resources()));
    config
        .resourceRules()
        .ifPresent(
            r -> {
              mappings.add(r.cpu().resources());
              mappings.add(r.memory().resources());
            });
    Set<GroupResource> resources = new TreeSet<>();
    for (ResourceMapping mapping : mappings) {
      for (GroupResourceRef ref : mapping.overrides().values()) {
        ResourceInfo info =
            MAPPER
                .resolve(ref.group(), ref.resource())
                .orElseThrow(() -> new AssertionError("unknown resource in the rules: " + ref));
        resources.add(info.groupResource());
      }
    }
    return resources;
  }

  /** The resources a ClusterRole grants, each checked to be exactly get, list and watch. */
  static Set<GroupResource> resourcesGranted(ClusterRole role) {
    Set<GroupResource> granted = new TreeSet<>();
    for (PolicyRule rule : role.getRules()) {
      assertEquals(
          Set.of("get", "list", "watch"),
          Set.copyOf(rule.getVerbs()),
          role.getMetadata().getName() + ": read-only verbs");
      assertTrue(
          rule.getResourceNames() == null || rule.getResourceNames().isEmpty(), "no resourceNames");
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          granted.add(new GroupResource(group, resource));
        }
      }
    }
    return granted;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object value) {
    return value == null ? List.of() : (List<String>) value;
  }
}
