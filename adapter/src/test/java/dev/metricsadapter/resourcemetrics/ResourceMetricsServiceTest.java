package dev.metricsadapter.resourcemetrics;

import static dev.metricsadapter.testing.Futures.await;
import static dev.metricsadapter.testing.Futures.failure;
import static dev.metricsadapter.testing.QueryResults.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.metricsadapter.kube.ResourceObjects;
import dev.metricsadapter.kube.ResourceObjects.KubeObject;
import dev.metricsadapter.prometheus.QueryResult;
import dev.metricsadapter.provider.BadSelectorException;
import dev.metricsadapter.provider.QueryTrace;
import dev.metricsadapter.provider.UnexpectedResultException;
import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.rules.CompiledResourceRules;
import dev.metricsadapter.rules.QueryBuildException;
import dev.metricsadapter.testing.ListedObjects;
import dev.metricsadapter.testing.Rules;
import dev.metricsadapter.testing.ScriptedPrometheus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One usage step for pods and nodes: the PromQL it sends, and how it joins the readings. */
class ResourceMetricsServiceTest {

  /** CPU names objects by the mapper's template, memory by overrides ({@code %s}: nodes). */
  private static final String RULES =
      """
      resourceRules:
        window: 2m
        cpu:
          resources: {template: "<<.Resource>>"}
          containerLabel: container
          containerQuery: sum(rate(c_cpu{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>)
          nodeQuery: sum(rate(n_cpu{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>)
        memory:
          resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}%s}}
          containerLabel: container
          containerQuery: sum(c_mem{<<.LabelMatchers>>}) by (<<.GroupBy>>)
          nodeQuery: sum(n_mem{<<.LabelMatchers>>}) by (<<.GroupBy>>)
      """;

  private static final Targets EVERY_ONE =
      new Targets.All(Optional.empty(), LabelSelector.EVERYTHING);
  private static final Instant EARLY = Instant.parse("2026-08-21T10:15:29Z");
  private static final Instant LATE = Instant.parse("2026-08-21T10:15:30Z");
  private static final Clock CLOCK = Clock.fixed(LATE, ZoneOffset.UTC);

  private final ScriptedPrometheus prometheus = new ScriptedPrometheus();

  private static CompiledResourceRules rules(String memoryNodeOverride) {
    return Rules.compile(RULES.formatted(memoryNodeOverride)).resourceRules().orElseThrow();
  }

  private ResourceMetricsService service(Optional<ResourceObjects> objects) {
    CompiledResourceRules rules = rules(", node: {resource: node}");
    return new ResourceMetricsService(
        () -> rules, new BuiltinResourceMapper(), objects, prometheus, CLOCK);
  }

  private static QueryResult.Sample sample(Instant at, String value, String... labels) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      map.put(labels[i], labels[i + 1]);
    }
    return new QueryResult.Sample(map, at, value);
  }

  @Test
  void podsListedFromKubernetesAreQueriedByNamespaceAndNameAndJoinedPerContainer() {
    ListedObjects objects =
        new ListedObjects(
            List.of(
                new KubeObject("b", "web-2", Map.of("app", "web")),
                new KubeObject("a", "web-1", Map.of("app", "web"))),
            List.of());
    prometheus.answer(
        "sum(rate(c_cpu{namespace=~\"b|a\",pod=~\"web-2|web-1\"}[1m])) by (pod,container,namespace)",
        vector(
            sample(LATE, "0.5", "namespace", "a", "pod", "web-1", "container", "app"),
            sample(LATE, "0.25", "namespace", "b", "pod", "web-2", "container", "app")));
    prometheus.answer(
        "sum(c_mem{namespace=~\"b|a\",pod=~\"web-2|web-1\"}) by (pod,container,namespace)",
        vector(
            sample(EARLY, "1024", "namespace", "a", "pod", "web-1", "container", "sidecar"),
            sample(LATE, "2048", "namespace", "b", "pod", "web-2", "container", "app")));

    List<ResourceUsage.Pod> pods =
        await(
            service(Optional.of(objects))
                .pods(
                    new Targets.All(Optional.empty(), LabelSelector.parse("app=web")),
                    QueryTrace.NONE));

    assertEquals(List.of("pods in * with app=web"), objects.calls());
    assertEquals(
        List.of(
            new ResourceUsage.Pod(
                "a",
                "web-1",
                Map.of("app", "web"),
                EARLY,
                Duration.ofMinutes(2),
                List.of(
                    new ResourceUsage.Container("app", new BigDecimal("0.5"), BigDecimal.ZERO),
                    new ResourceUsage.Container(
                        "sidecar", BigDecimal.ZERO, new BigDecimal("1024")))),
            new ResourceUsage.Pod(
                "b",
                "web-2",
                Map.of("app", "web"),
                LATE,
                Duration.ofMinutes(2),
                List.of(
                    new ResourceUsage.Container(
                        "app", new BigDecimal("0.25"), new BigDecimal("2048"))))),
        pods);
  }

  @Test
  void nodesGoThroughTheSameStepMeasuredWhole() {
    ListedObjects objects =
        new ListedObjects(
            List.of(),
            List.of(
                new KubeObject(null, "node-1", Map.of("zone", "a")),
                new KubeObject(null, "node-2", Map.of())));
    prometheus.answer(
        "sum(rate(n_cpu{node=~\"node-1|node-2\"}[1m])) by (node)",
        vector(sample(LATE, "1.5", "node", "node-1"), sample(LATE, "-1", "node", "node-2")));
    prometheus.answer(
        "sum(n_mem{node=~\"node-1|node-2\"}) by (node)",
        vector(sample(EARLY, "NaN", "node", "node-1"), sample(LATE, "1", "node", "node-2")));

    List<ResourceUsage.Node> nodes =
        await(service(Optional.of(objects)).nodes(EVERY_ONE, QueryTrace.NONE));

    assertEquals(
        List.of(
            new ResourceUsage.Node(
                "node-1",
                Map.of("zone", "a"),
                EARLY,
                Duration.ofMinutes(2),
                new BigDecimal("1.5"),
                BigDecimal.ZERO),
            new ResourceUsage.Node(
                "node-2", Map.of(), LATE, Duration.ofMinutes(2), BigDecimal.ZERO, BigDecimal.ONE)),
        nodes);
  }

  @Test
  void oneObjectIsFoundByListingItsScopeAndReportedAlone() {
    ListedObjects objects =
        new ListedObjects(
            List.of(
                new KubeObject("demo", "web-1", Map.of()),
                new KubeObject("demo", "web-2", Map.of())),
            List.of());
    QueryResult both =
        vector(
            sample(LATE, "1", "namespace", "demo", "pod", "web-1", "container", "app"),
            sample(LATE, "1", "namespace", "demo", "pod", "web-2", "container", "app"));
    prometheus.answer(
        "sum(rate(c_cpu{namespace=\"demo\",pod=~\"web-1|web-2\"}[1m])) by (pod,container,namespace)",
        both);
    prometheus.answer(
        "sum(c_mem{namespace=\"demo\",pod=~\"web-1|web-2\"}) by (pod,container,namespace)", both);

    List<ResourceUsage.Pod> pods =
        await(
            service(Optional.of(objects))
                .pods(
                    new Targets.One(ObjectKey.pod("demo", "web-2"), LabelSelector.EVERYTHING),
                    QueryTrace.NONE));

    assertEquals(List.of("pods in demo with "), objects.calls());
    assertEquals(List.of("web-2"), pods.stream().map(ResourceUsage.Pod::name).toList());
  }

  @Test
  void nothingListedIsAnEmptyAnswerWithoutAQuery() {
    List<ResourceUsage.Pod> pods =
        await(
            service(Optional.of(new ListedObjects(List.of(), List.of())))
                .pods(
                    new Targets.All(Optional.of("demo"), LabelSelector.EVERYTHING),
                    QueryTrace.NONE));

    assertEquals(List.of(), pods);
    assertEquals(List.of(), prometheus.queries());
  }

  @Test
  void standaloneReportsWhatTheCpuQueryReturnsAndRefusesLabelSelectors() {
    prometheus.answer(
        "sum(rate(n_cpu{node!=\"\"}[1m])) by (node)",
        vector(sample(LATE, "1", "node", "node-1"), sample(LATE, "1", "node-label-missing", "x")));
    prometheus.answer(
        "sum(n_mem{node!=\"\"}) by (node)",
        vector(sample(LATE, "1", "node", "node-1"), sample(LATE, "1", "node", "memory-only")));
    ResourceMetricsService standalone = service(Optional.empty());

    List<ResourceUsage.Node> nodes = await(standalone.nodes(EVERY_ONE, QueryTrace.NONE));

    assertEquals(List.of("node-1"), nodes.stream().map(ResourceUsage.Node::name).toList());
    assertEquals(Map.of(), nodes.get(0).labels());
    prometheus.forget();
    Throwable refused =
        failure(
            standalone.pods(
                new Targets.All(Optional.of("demo"), LabelSelector.parse("app=web")),
                QueryTrace.NONE));
    assertInstanceOf(BadSelectorException.class, refused);
    assertEquals(List.of(), prometheus.queries());
  }

  @Test
  void aRuleWithoutALabelTheQueryNeedsFailsBeforeAnyQuery() {
    CompiledResourceRules rules = rules("");
    ResourceMetricsService service =
        new ResourceMetricsService(
            () -> rules, new BuiltinResourceMapper(), Optional.empty(), prometheus, CLOCK);

    Throwable failed = failure(service.nodes(EVERY_ONE, QueryTrace.NONE));

    assertInstanceOf(QueryBuildException.class, failed);
    assertEquals(
        "resource rule r.yaml:9 resourceRules.memory has no label for nodes: add it to"
            + " resources.overrides",
        failed.getMessage());
    assertEquals(List.of(), prometheus.queries());
  }

  @Test
  void aQueryThatIsNoVectorFails() {
    prometheus.answerAll(new QueryResult(QueryResult.Type.MATRIX, List.of()));

    Throwable failed = failure(service(Optional.empty()).pods(EVERY_ONE, QueryTrace.NONE));

    assertInstanceOf(UnexpectedResultException.class, failed);
    assertEquals(
        "a resource rule query returned a MATRIX; it must return a vector", failed.getMessage());
  }
}
