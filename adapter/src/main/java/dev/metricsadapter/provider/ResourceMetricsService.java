package dev.metricsadapter.provider;

import dev.metricsadapter.config.GoDuration;
import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.kube.ResourceObjects;
import dev.metricsadapter.kube.ResourceObjects.KubeObject;
import dev.metricsadapter.naming.CompiledResourceRules;
import dev.metricsadapter.naming.GroupResource;
import dev.metricsadapter.naming.QueryBuildException;
import dev.metricsadapter.naming.ResourceMapper;
import dev.metricsadapter.prometheus.InstantQueries;
import dev.metricsadapter.prometheus.QueryResult;
import dev.metricsadapter.prometheus.QueryResult.Sample;
import dev.metricsadapter.quantity.Quantities;
import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.query.MetricsQuery;
import dev.metricsadapter.query.QueryInput;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code metrics.k8s.io}: CPU (cores) and memory (bytes) of pods and nodes from the {@code
 * resourceRules}' container and node queries. With a Kubernetes connection the pods and nodes come
 * from the API (running pods, label selectors applied there); standalone they are the ones the
 * queries return, and label selectors cannot be applied. Negative and NaN values count as 0; a pod
 * or node missing CPU or memory altogether is left out and logged, never zeroed. Thread-safe; never
 * blocks.
 */
public final class ResourceMetricsService {

  private static final Logger LOG = LoggerFactory.getLogger(ResourceMetricsService.class);
  private static final GroupResource PODS = GroupResource.core("pods");
  private static final GroupResource NAMESPACES = GroupResource.core("namespaces");
  private static final GroupResource NODES = GroupResource.core("nodes");

  private final Supplier<CompiledResourceRules> rules;
  private final ResourceMapper mapper;
  private final Optional<ResourceObjects> objects;
  private final InstantQueries prometheus;
  private final Clock clock;

  /**
   * @param rules the current resourceRules, read once per request
   * @param objects the Kubernetes API's pods and nodes; empty in standalone mode
   */
  public ResourceMetricsService(
      Supplier<CompiledResourceRules> rules,
      ResourceMapper mapper,
      Optional<ResourceObjects> objects,
      InstantQueries prometheus,
      Clock clock) {
    this.rules = rules;
    this.mapper = mapper;
    this.objects = objects;
    this.prometheus = prometheus;
    this.clock = clock;
  }

  /** The window reported with every value. */
  public Duration window() {
    return rules.get().window();
  }

  /**
   * Usage of the running pods in {@code namespace} ({@code null}: all) matching {@code selector},
   * sorted by namespace and name; pods without usage are left out. Each step is reported to {@code
   * trace}.
   */
  public Future<List<ResourceUsage.Pod>> pods(
      String namespace, LabelSelector selector, QueryTrace trace) {
    CompiledResourceRules rules = this.rules.get();
    trace.matched(ruleNames(rules), Map.of("window", GoDuration.format(rules.window())));
    Future<Optional<List<KubeObject>>> pods =
        objects.isPresent()
            ? objects.get().runningPods(namespace, selector).map(Optional::of)
            : standaloneSelector(selector).map(none -> Optional.empty());
    return traceObjects(pods, trace)
        .compose(
            listed -> {
              if (listed.isPresent() && listed.get().isEmpty()) {
                return Future.succeededFuture(List.of());
              }
              QueryInput input;
              try {
                input = podQuery(rules.cpu(), namespace, listed);
              } catch (AdapterException e) {
                return Future.failedFuture(e);
              }
              return Future.all(
                      query(rules.cpu().containerQuery(), input, trace),
                      query(
                          rules.memory().containerQuery(),
                          podQuery(rules.memory(), namespace, listed),
                          trace))
                  .map(
                      both ->
                          assemblePods(
                              rules, both.resultAt(0), both.resultAt(1), namespace, listed));
            });
  }

  /**
   * Usage of the nodes matching {@code selector}, sorted by name; nodes without usage left out.
   * Each step is reported to {@code trace}.
   */
  public Future<List<ResourceUsage.Node>> nodes(LabelSelector selector, QueryTrace trace) {
    CompiledResourceRules rules = this.rules.get();
    trace.matched(ruleNames(rules), Map.of("window", GoDuration.format(rules.window())));
    Future<Optional<List<KubeObject>>> nodes =
        objects.isPresent()
            ? objects.get().nodes(selector).map(Optional::of)
            : standaloneSelector(selector).map(none -> Optional.empty());
    return traceObjects(nodes, trace)
        .compose(
            listed -> {
              if (listed.isPresent() && listed.get().isEmpty()) {
                return Future.succeededFuture(List.of());
              }
              QueryInput cpu;
              QueryInput memory;
              try {
                cpu = nodeQuery(rules.cpu(), listed);
                memory = nodeQuery(rules.memory(), listed);
              } catch (AdapterException e) {
                return Future.failedFuture(e);
              }
              return Future.all(
                      query(rules.cpu().nodeQuery(), cpu, trace),
                      query(rules.memory().nodeQuery(), memory, trace))
                  .map(both -> assembleNodes(rules, both.resultAt(0), both.resultAt(1), listed));
            });
  }

  private static String ruleNames(CompiledResourceRules rules) {
    return "resourceRules (cpu: "
        + rules.cpu().origin()
        + ", memory: "
        + rules.memory().origin()
        + ")";
  }

  /** Reports the objects listed from the Kubernetes API (standalone mode lists none). */
  private static Future<Optional<List<KubeObject>>> traceObjects(
      Future<Optional<List<KubeObject>>> listed, QueryTrace trace) {
    return listed.onSuccess(
        objects ->
            objects.ifPresent(
                list ->
                    trace.objects(
                        list.stream()
                            .map(
                                o ->
                                    o.namespace() == null
                                        ? o.name()
                                        : o.namespace() + "/" + o.name())
                            .toList())));
  }

  private static Future<Void> standaloneSelector(LabelSelector selector) {
    return selector.isEmpty()
        ? Future.succeededFuture()
        : Future.failedFuture(
            new BadSelectorException(
                "label selectors on metrics.k8s.io need a Kubernetes connection to read object"
                    + " labels; the adapter runs standalone"));
  }

  private QueryInput podQuery(
      CompiledResourceRules.Rule rule, String namespace, Optional<List<KubeObject>> pods) {
    String podLabel = label(rule, PODS);
    String namespaceLabel = label(rule, NAMESPACES);
    QueryInput input =
        QueryInput.of("").withExtraGroupBy(List.of(rule.containerLabel(), namespaceLabel));
    if (pods.isPresent()) {
      LinkedHashSet<String> namespaces = new LinkedHashSet<>();
      LinkedHashSet<String> names = new LinkedHashSet<>();
      pods.get()
          .forEach(
              pod -> {
                namespaces.add(pod.namespace());
                names.add(pod.name());
              });
      return input
          .withNamespaces(namespaceLabel, List.copyOf(namespaces))
          .withResource(podLabel, List.copyOf(names));
    }
    input =
        namespace == null
            ? input.withNamespaces(namespaceLabel, List.of())
            : input.withNamespace(namespaceLabel, namespace);
    return input.withAnyResource(podLabel);
  }

  private QueryInput nodeQuery(CompiledResourceRules.Rule rule, Optional<List<KubeObject>> nodes) {
    String nodeLabel = label(rule, NODES);
    QueryInput input = QueryInput.of("");
    return nodes.isPresent()
        ? input.withResource(nodeLabel, nodes.get().stream().map(KubeObject::name).toList())
        : input.withAnyResource(nodeLabel);
  }

  private String label(CompiledResourceRules.Rule rule, GroupResource resource) {
    return rule.resources()
        .labelFor(resource, mapper)
        .orElseThrow(
            () ->
                new QueryBuildException(
                    "resource rule "
                        + rule.origin()
                        + " has no label for "
                        + resource
                        + ": add it to resources.overrides"));
  }

  private Future<QueryResult> query(MetricsQuery query, QueryInput input, QueryTrace trace) {
    String promql = query.render(input);
    LOG.debug("resource metrics -> {}", promql);
    return trace.query(promql, prometheus.query(promql, clock.instant()));
  }

  /** One value per key: a sample's value (clamped at 0) and time. */
  private record Reading(BigDecimal value, Instant timestamp) {}

  private List<ResourceUsage.Pod> assemblePods(
      CompiledResourceRules rules,
      QueryResult cpu,
      QueryResult memory,
      String namespace,
      Optional<List<KubeObject>> listed) {
    String podLabel = label(rules.cpu(), PODS);
    String namespaceLabel = label(rules.cpu(), NAMESPACES);
    String container = rules.cpu().containerLabel();
    Map<List<String>, Reading> cpuByContainer = readings(cpu, namespaceLabel, podLabel, container);
    Map<List<String>, Reading> memoryByContainer =
        readings(
            memory,
            label(rules.memory(), NAMESPACES),
            label(rules.memory(), PODS),
            rules.memory().containerLabel());
    Map<List<String>, KubeObject> wanted =
        new TreeMap<>(
            Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
    if (listed.isPresent()) {
      listed.get().forEach(pod -> wanted.put(List.of(pod.namespace(), pod.name()), pod));
    } else {
      for (List<String> key : cpuByContainer.keySet()) {
        wanted.putIfAbsent(
            List.of(key.get(0), key.get(1)), new KubeObject(key.get(0), key.get(1), Map.of()));
      }
    }
    List<ResourceUsage.Pod> pods = new ArrayList<>();
    wanted.forEach(
        (pod, object) -> {
          List<ResourceUsage.Container> containers = new ArrayList<>();
          Instant earliest = null;
          boolean anyCpu = false;
          boolean anyMemory = false;
          for (String name : containerNames(pod, cpuByContainer, memoryByContainer)) {
            Reading c = cpuByContainer.get(List.of(pod.get(0), pod.get(1), name));
            Reading m = memoryByContainer.get(List.of(pod.get(0), pod.get(1), name));
            anyCpu |= c != null;
            anyMemory |= m != null;
            containers.add(
                new ResourceUsage.Container(
                    name,
                    c == null ? BigDecimal.ZERO : c.value(),
                    m == null ? BigDecimal.ZERO : m.value()));
            earliest = earliest(earliest, c, m);
          }
          if (!anyCpu || !anyMemory) {
            if (listed.isPresent()) {
              LOG.info(
                  "no {} usage for pod {}/{}; left out",
                  !anyCpu ? "CPU" : "memory",
                  pod.get(0),
                  pod.get(1));
            }
            return;
          }
          pods.add(
              new ResourceUsage.Pod(pod.get(0), pod.get(1), object.labels(), earliest, containers));
        });
    return pods;
  }

  private static List<String> containerNames(
      List<String> pod, Map<List<String>, Reading> cpu, Map<List<String>, Reading> memory) {
    TreeSet<String> names = new TreeSet<>();
    for (Map<List<String>, Reading> readings : List.of(cpu, memory)) {
      readings.keySet().stream()
          .filter(key -> key.get(0).equals(pod.get(0)) && key.get(1).equals(pod.get(1)))
          .forEach(key -> names.add(key.get(2)));
    }
    return List.copyOf(names);
  }

  private List<ResourceUsage.Node> assembleNodes(
      CompiledResourceRules rules,
      QueryResult cpu,
      QueryResult memory,
      Optional<List<KubeObject>> listed) {
    Map<List<String>, Reading> cpuByNode = readings(cpu, label(rules.cpu(), NODES));
    Map<List<String>, Reading> memoryByNode = readings(memory, label(rules.memory(), NODES));
    Map<String, Map<String, String>> wanted = new TreeMap<>();
    if (listed.isPresent()) {
      listed.get().forEach(node -> wanted.put(node.name(), node.labels()));
    } else {
      cpuByNode.keySet().forEach(key -> wanted.put(key.get(0), Map.of()));
    }
    List<ResourceUsage.Node> nodes = new ArrayList<>();
    wanted.forEach(
        (name, labels) -> {
          Reading c = cpuByNode.get(List.of(name));
          Reading m = memoryByNode.get(List.of(name));
          if (c == null || m == null) {
            LOG.info("no {} usage for node {}; left out", c == null ? "CPU" : "memory", name);
            return;
          }
          nodes.add(
              new ResourceUsage.Node(name, labels, earliest(null, c, m), c.value(), m.value()));
        });
    return nodes;
  }

  /** Readings keyed by the values of {@code labels}; infinite values are left out. */
  private static Map<List<String>, Reading> readings(QueryResult result, String... labels) {
    Map<List<String>, Reading> readings = new HashMap<>();
    if (result.type() != QueryResult.Type.VECTOR) {
      throw new UnexpectedResultException(
          "a resource rule query returned a " + result.type() + "; it must return a vector");
    }
    for (Sample sample : result.samples()) {
      List<String> key = new ArrayList<>();
      for (String label : labels) {
        String value = sample.labels().get(label);
        if (value == null) {
          break;
        }
        key.add(value);
      }
      if (key.size() != labels.length || Quantities.isInfinite(sample.value())) {
        continue;
      }
      BigDecimal value =
          Quantities.parsePrometheusValue(sample.value())
              .orElse(BigDecimal.ZERO)
              .max(BigDecimal.ZERO);
      readings.putIfAbsent(List.copyOf(key), new Reading(value, sample.timestamp()));
    }
    return readings;
  }

  private static Instant earliest(Instant current, Reading a, Reading b) {
    Instant result = current;
    for (Reading reading : new Reading[] {a, b}) {
      if (reading != null && (result == null || reading.timestamp().isBefore(result))) {
        result = reading.timestamp();
      }
    }
    return result;
  }
}
