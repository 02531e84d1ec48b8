package dev.metricsadapter.provider;

import static dev.metricsadapter.testing.Futures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.catalog.Series;
import dev.metricsadapter.prometheus.PrometheusException;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.testing.Rules;
import dev.metricsadapter.testing.ScriptedPrometheus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

  /** The seriesQuery of the pod rules, and of the node rule. */
  private static final String PODS = "{namespace!=\"\",pod!=\"\"}";

  private static final String NODES = "{node!=\"\"}";

  private static final String RULES =
      """
      rules:
      - seriesQuery: '%1$s'
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)
      - seriesQuery: '%2$s'
        resources: {overrides: {node: {resource: node}}}
        metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)
      - seriesQuery: '%1$s'
        name: {matches: "^a$", as: "a_again"}
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)
      """
          .formatted(PODS, NODES);

  private final Vertx vertx = Vertx.vertx();
  private final ScriptedPrometheus prometheus = new ScriptedPrometheus();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  /** A series named {@code name} of pod p in namespace n. */
  private static Map<String, String> pod(String name) {
    return Map.of("__name__", name, "namespace", "n", "pod", "p");
  }

  /** A series named {@code name} of node x. */
  private static Map<String, String> node(String name) {
    return Map.of("__name__", name, "node", "x");
  }

  /** A clock the test moves. */
  private static final class SteppedClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:05:00Z");

    void advance(Duration step) {
      now = now.plus(step);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private Discovery discovery() {
    return discovery(Clock.fixed(Instant.parse("2026-01-01T00:05:00Z"), ZoneOffset.UTC));
  }

  private Discovery discovery(Clock clock) {
    CompiledRules rules = Rules.compile(RULES);
    return new Discovery(
        vertx,
        prometheus,
        () -> rules,
        new BuiltinResourceMapper(),
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        clock,
        1);
  }

  private static List<String> metrics(Discovery discovery) {
    List<String> names = new ArrayList<>();
    discovery.snapshot().catalog().entries().forEach(e -> names.add(e.key().toString()));
    return names;
  }

  @Test
  void callsEachDistinctSeriesQueryOnceWithTheMaxAgeAsStart() {
    prometheus.series(List.of(pod("a"), node("b")));
    Discovery discovery = discovery();
    assertFalse(discovery.isReady());

    await(discovery.refresh());

    assertEquals(List.of(PODS, NODES), prometheus.matches());
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), prometheus.seriesStarts().get(0));
    assertEquals(
        List.of("namespaces/a", "namespaces/a_again", "nodes/b", "pods/a", "pods/a_again"),
        metrics(discovery));
    assertTrue(discovery.isReady());
  }

  @Test
  void keepsOneShapePerNameAndLabelNamesWithTheSeriesCount() {
    List<Map<String, String>> series = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      series.add(Map.of("__name__", "a", "namespace", "n" + (i % 7), "pod", "p" + i));
    }
    series.add(Map.of("__name__", "a", "namespace", "n", "pod", "p", "container", "c"));
    series.add(pod("c"));
    series.add(node("b"));
    prometheus.series(series);
    Discovery discovery = discovery();

    await(discovery.refresh());

    DiscoveredSeries kept = discovery.snapshot().seriesByQuery().get(PODS);
    assertEquals(1002, kept.count());
    assertEquals(
        List.of(
            new Series("a", Map.of("namespace", "", "pod", "")),
            new Series("a", Map.of("namespace", "", "pod", "", "container", "")),
            new Series("c", Map.of("namespace", "", "pod", ""))),
        kept.shapes());
    assertEquals(
        List.of(
            "namespaces/a",
            "namespaces/a_again",
            "namespaces/c",
            "nodes/b",
            "pods/a",
            "pods/a_again",
            "pods/c"),
        metrics(discovery));
  }

  @Test
  void aFailingQueryKeepsItsPreviousSeriesAndDoesNotDiscardTheOthers() {
    prometheus.series(List.of(pod("a"), node("b")));
    Discovery discovery = discovery();
    await(discovery.refresh());

    prometheus.fail(
        PODS, PrometheusException.unreachable("/api/v1/series", new ConnectException("refused")));
    prometheus.series(List.of(pod("a"), node("c")));
    await(discovery.refresh());

    assertEquals(
        List.of("namespaces/a", "namespaces/a_again", "nodes/c", "pods/a", "pods/a_again"),
        metrics(discovery));
    assertTrue(discovery.isReady());
  }

  @Test
  void aDiscoveryOvertakenByANewerOneDoesNotPublishItsOlderCatalog() {
    prometheus.series(List.of(pod("old")));
    Discovery discovery = discovery();
    prometheus.holdNext();
    Future<Void> older = discovery.refresh();
    ScriptedPrometheus.Held slow = prometheus.held(0);
    assertEquals(PODS, slow.expression());

    prometheus.series(List.of(pod("new")));
    await(discovery.refresh());
    assertEquals(List.of("namespaces/new", "pods/new"), metrics(discovery));
    slow.release();
    await(older);

    assertEquals(List.of("namespaces/new", "pods/new"), metrics(discovery));
  }

  @Test
  void isNotReadyUntilEveryQueryAnsweredOnce() {
    prometheus.fail(NODES, PrometheusException.timeout("/api/v1/series", 10_000));
    Discovery discovery = discovery();

    await(discovery.refresh());
    assertFalse(discovery.isReady());
    assertEquals(List.of(), metrics(discovery));

    prometheus.recover();
    await(discovery.refresh());
    assertTrue(discovery.isReady());
  }

  @Test
  void aQueryPrometheusRefusesCountsAsAnsweredAndIsReportedWithItsRule() {
    prometheus.series(List.of(pod("a")));
    prometheus.fail(
        NODES,
        PrometheusException.apiError(
            "/api/v1/series", 400, "bad_data", "1:12: parse error: unexpected end of input"));
    Discovery discovery = discovery();

    await(discovery.refresh());

    assertTrue(discovery.isReady());
    assertEquals(
        List.of("namespaces/a", "namespaces/a_again", "pods/a", "pods/a_again"),
        metrics(discovery));
    assertEquals(
        new QueryFailure(
            "Prometheus /api/v1/series failed: bad_data: 1:12: parse error: unexpected end of"
                + " input",
            true),
        discovery.snapshot().failures().get(NODES));
    assertEquals(
        List.of(
            "r.yaml:5 rules[1]: seriesQuery "
                + NODES
                + " is refused by Prometheus: Prometheus"
                + " /api/v1/series failed: bad_data: 1:12: parse error: unexpected end of input"),
        discovery.failingRules());
  }

  @Test
  void anUnreachableQueryHoldsReadinessForThreeRelistIntervalsAtMost() {
    prometheus.series(List.of(pod("a")));
    prometheus.fail(
        NODES, PrometheusException.unreachable("/api/v1/series", new ConnectException("refused")));
    SteppedClock clock = new SteppedClock();
    Discovery discovery = discovery(clock);

    await(discovery.refresh());
    assertFalse(discovery.isReady());
    clock.advance(Duration.ofMinutes(3).minusSeconds(1));
    await(discovery.refresh());
    assertFalse(discovery.isReady());
    assertEquals(1, discovery.failingRules().size(), discovery.failingRules().toString());
    assertTrue(
        discovery
            .failingRules()
            .get(0)
            .startsWith(
                "r.yaml:5 rules[1]: seriesQuery "
                    + NODES
                    + " failed: Prometheus /api/v1/series is unreachable"),
        discovery.failingRules().toString());

    clock.advance(Duration.ofSeconds(1));
    await(discovery.refresh());
    assertTrue(discovery.isReady());
    assertEquals(
        List.of("namespaces/a", "namespaces/a_again", "pods/a", "pods/a_again"),
        metrics(discovery));
  }

  @Test
  void onceReadyStaysReadyWhenEveryQueryFailsLater() {
    Discovery discovery = discovery();
    await(discovery.refresh());
    assertTrue(discovery.isReady());

    prometheus.failAll(
        PrometheusException.unreachable("/api/v1/series", new ConnectException("refused")));
    await(discovery.refresh());

    assertTrue(discovery.isReady());
    assertEquals(2, discovery.snapshot().failingQueries());
    assertEquals(3, discovery.failingRules().size(), "both pod rules and the node rule");
    prometheus.recover();
    await(discovery.refresh());
    assertEquals(List.of(), discovery.failingRules());
  }
}
