package dev.metricsadapter.resourcemetrics;

import dev.metricsadapter.kube.ResourceObjects;
import dev.metricsadapter.prometheus.InstantQueries;
import dev.metricsadapter.prometheus.QueryResult;
import dev.metricsadapter.provider.BadSelectorException;
import dev.metricsadapter.provider.QueryTrace;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledResourceRules;
import dev.metricsadapter.rules.GoDuration;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code metrics.k8s.io}: CPU (cores) and memory (bytes) of pods and nodes from the {@code
 * resourceRules}' container and node queries. With a Kubernetes connection the pods and nodes come
 * from the API (running pods, label selectors applied there); standalone they are the ones the
 * queries return, and label selectors cannot be applied. Negative and NaN values count as 0; a pod
 * or node missing CPU or memory altogether is left out and logged, never zeroed. Pods and nodes go
 * through the same steps ({@link UsageKind} holds what differs): list, query CPU and memory, join
 * the readings by object. Thread-safe; never blocks.
 *
 * @param rules the current resourceRules, read once per request
 * @param objects the Kubernetes API's pods and nodes; empty in standalone mode
 */
public record ResourceMetricsService(
    Supplier<CompiledResourceRules> rules,
    ResourceMapper mapper,
    Optional<ResourceObjects> objects,
    InstantQueries prometheus,
    Clock clock) {

  private static final Logger LOG = LoggerFactory.getLogger(ResourceMetricsService.class);

  /**
   * Usage of the running pods among {@code targets} (for {@link Targets.One} at most that pod),
   * sorted by namespace and name; pods without usage are left out. Each step is reported to {@code
   * trace}.
   */
  public Future<List<ResourceUsage.Pod>> pods(Targets targets, QueryTrace trace) {
    return usage(UsageKind.PODS, targets, trace);
  }

  /**
   * Usage of the nodes among {@code targets} (for {@link Targets.One} at most that node), sorted by
   * name; nodes without usage are left out. Each step is reported to {@code trace}.
   */
  public Future<List<ResourceUsage.Node>> nodes(Targets targets, QueryTrace trace) {
    return usage(UsageKind.NODES, targets, trace);
  }

  private <U> Future<List<U>> usage(UsageKind<U> kind, Targets targets, QueryTrace trace) {
    CompiledResourceRules current = rules.get();
    trace.matched(ruleNames(current), Map.of("window", GoDuration.format(current.window())));
    return listing(kind, targets, trace)
        .compose(
            listing ->
                listing instanceof Listing.Queried queried
                    ? measure(kind, current, queried, targets, trace)
                    : Future.succeededFuture(List.of()));
  }

  private static String ruleNames(CompiledResourceRules rules) {
    return "resourceRules (cpu: "
        + rules.cpu().origin()
        + ", memory: "
        + rules.memory().origin()
        + ")";
  }

  /** The objects reported on; those listed from the Kubernetes API are reported to the trace. */
  private Future<Listing> listing(UsageKind<?> kind, Targets targets, QueryTrace trace) {
    if (objects.isPresent()) {
      return kind.list(objects.get(), targets)
          .map(
              listed -> {
                trace.objects(listed.stream().map(o -> ObjectKey.of(o).toString()).toList());
                return Listing.of(listed);
              });
    }
    return targets.selector().isEmpty()
        ? Future.succeededFuture(new Listing.Unlisted(targets.namespace()))
        : Future.failedFuture(
            new BadSelectorException(
                "label selectors on metrics.k8s.io need a Kubernetes connection to read object"
                    + " labels; the adapter runs standalone"));
  }

  /** Queries CPU and memory of the objects {@code listing} reports on, and joins them. */
  private <U> Future<List<U>> measure(
      UsageKind<U> kind,
      CompiledResourceRules rules,
      Listing.Queried listing,
      Targets targets,
      QueryTrace trace) {
    UsageQuery cpu = kind.query(rules.cpu(), mapper);
    UsageQuery memory = kind.query(rules.memory(), mapper);
    String cpuQuery = cpu.promql(listing);
    String memoryQuery = memory.promql(listing);
    return Future.all(query(cpuQuery, trace), query(memoryQuery, trace))
        .map(
            both -> {
              Readings cpuReadings = cpu.readings(both.resultAt(0));
              Readings memoryReadings = memory.readings(both.resultAt(1));
              return join(kind, listing, targets, cpuReadings, memoryReadings, rules.window());
            });
  }

  private Future<QueryResult> query(String promql, QueryTrace trace) {
    LOG.debug("resource metrics -> {}", promql);
    return trace.query(promql, prometheus.query(promql, clock.instant()));
  }

  /** The usage of each object reported on that {@code targets} includes. */
  private static <U> List<U> join(
      UsageKind<U> kind,
      Listing.Queried listing,
      Targets targets,
      Readings cpu,
      Readings memory,
      Duration window) {
    List<U> usage = new ArrayList<>();
    listing
        .objects(cpu.objects())
        .forEach(
            (key, labels) -> {
              if (targets.includes(key)) {
                usage(kind, key, labels, cpu.parts(key), memory.parts(key), window)
                    .ifPresent(usage::add);
              }
            });
    return usage;
  }

  /**
   * The usage of one object from its parts' readings; a part missing CPU or memory counts 0 for it,
   * an object missing either altogether is left out and logged.
   */
  private static <U> Optional<U> usage(
      UsageKind<U> kind,
      ObjectKey key,
      Map<String, String> labels,
      Map<String, Readings.Reading> cpu,
      Map<String, Readings.Reading> memory,
      Duration window) {
    if (cpu.isEmpty() || memory.isEmpty()) {
      LOG.info(
          "no {} usage for {} {}; left out", cpu.isEmpty() ? "CPU" : "memory", kind.noun(), key);
      return Optional.empty();
    }
    TreeSet<String> names = new TreeSet<>(cpu.keySet());
    names.addAll(memory.keySet());
    List<ResourceUsage.Container> parts =
        names.stream()
            .map(
                name ->
                    new ResourceUsage.Container(
                        name, value(cpu.get(name)), value(memory.get(name))))
            .toList();
    Instant earliest =
        Stream.concat(cpu.values().stream(), memory.values().stream())
            .map(Readings.Reading::timestamp)
            .min(Instant::compareTo)
            .orElseThrow();
    return Optional.of(kind.usage(new UsageKind.Measured(key, labels, earliest, window, parts)));
  }

  private static BigDecimal value(Readings.Reading reading) {
    return reading == null ? BigDecimal.ZERO : reading.value();
  }
}
