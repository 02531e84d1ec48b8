package dev.metricsadapter.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.catalog.Series;
import dev.metricsadapter.prometheus.PrometheusClient;
import dev.metricsadapter.prometheus.PrometheusException;
import dev.metricsadapter.prometheus.QueryResult;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.RuleCompiler;
import dev.metricsadapter.rules.RuleConfigParser;
import dev.metricsadapter.rules.RuleDocument;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

  private static final String RULES =
      """
      rules:
      - seriesQuery: 'pods_query'
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)
      - seriesQuery: 'nodes_query'
        resources: {overrides: {node: {resource: node}}}
        metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)
      - seriesQuery: 'pods_query'
        name: {matches: "^a$", as: "a_again"}
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)
      """;

  private final Vertx vertx = Vertx.vertx();

  /** Answers series calls from a mutable script: a list of label sets, or a failure. */
  private static final class ScriptedSeries implements PrometheusClient {
    final Map<String, List<Map<String, String>>> series = new ConcurrentHashMap<>();
    final Map<String, Throwable> failures = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Instant> starts = new CopyOnWriteArrayList<>();

    final Map<String, Hold> holds = new ConcurrentHashMap<>();

    /** The next call of one query: answered with the series scripted at call time on release. */
    static final class Hold {
      final Promise<Void> released = Promise.promise();
      final CompletableFuture<Context> called = new CompletableFuture<>();

      void release() throws Exception {
        called.get(10, TimeUnit.SECONDS).runOnContext(go -> released.complete());
      }
    }

    Hold holdNext(String match) {
      Hold hold = new Hold();
      holds.put(match, hold);
      return hold;
    }

    @Override
    public Future<Void> series(String match, Instant start, Consumer<Map<String, String>> sink) {
      calls.add(match);
      starts.add(start);
      Throwable failure = failures.get(match);
      if (failure != null) {
        return Future.failedFuture(failure);
      }
      List<Map<String, String>> answer = List.copyOf(series.getOrDefault(match, List.of()));
      Hold hold = holds.remove(match);
      if (hold == null) {
        answer.forEach(sink);
        return Future.succeededFuture();
      }
      hold.called.complete(Vertx.currentContext());
      return hold.released.future().onSuccess(released -> answer.forEach(sink));
    }

    @Override
    public Future<QueryResult> query(String promql, Instant time) {
      throw new UnsupportedOperationException();
    }
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
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

  private Discovery discovery(ScriptedSeries prometheus) {
    return discovery(
        prometheus, Clock.fixed(Instant.parse("2026-01-01T00:05:00Z"), ZoneOffset.UTC));
  }

  private Discovery discovery(ScriptedSeries prometheus, Clock clock) {
    BuiltinResourceMapper mapper = new BuiltinResourceMapper();
    CompiledRules rules =
        new RuleCompiler(mapper)
            .compile(new RuleConfigParser().parse(List.of(new RuleDocument("r.yaml", RULES))));
    return new Discovery(
        vertx,
        prometheus,
        () -> rules,
        mapper,
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        clock,
        1);
  }

  private static void await(Future<?> future) throws Exception {
    future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static List<String> metrics(Discovery discovery) {
    List<String> names = new ArrayList<>();
    discovery.snapshot().catalog().entries().forEach(e -> names.add(e.key().toString()));
    return names;
  }

  @Test
  void callsEachDistinctSeriesQueryOnceWithTheMaxAgeAsStart() throws Exception {
    ScriptedSeries prometheus = new ScriptedSeries();
    prometheus.series.put(
        "pods_query", List.of(Map.of("__name__", "a", "namespace", "n", "pod", "p")));
    prometheus.series.put("nodes_query", List.of(Map.of("__name__", "b", "node", "x")));
    Discovery discovery = discovery(prometheus);
    assertFalse(discovery.isReady());

    await(discovery.refresh());

    assertEquals(List.of("pods_query", "nodes_query"), prometheus.calls);
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), prometheus.starts.get(0));
    assertEquals(
        List.of("namespaces/a", "namespaces/a_again", "nodes/b", "pods/a", "pods/a_again"),
        metrics(discovery));
    assertTrue(discovery.isReady());
  }

  @Test
  void keepsOneShapePerNameAndLabelNamesWithTheSeriesCount() throws Exception {
    ScriptedSeries prometheus = new ScriptedSeries();
    List<Map<String, String>> pods = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      pods.add(Map.of("__name__", "a", "namespace", "n" + (i % 7), "pod", "p" + i));
    }
    pods.add(Map.of("__name__", "a", "namespace", "n", "pod", "p", "container", "c"));
    pods.add(Map.of("__name__", "c", "namespace", "n", "pod", "p"));
    prometheus.series.put("pods_query", pods);
    prometheus.series.put("nodes_query", List.of(Map.of("__name__", "b", "node", "x")));
    Discovery discovery = discovery(prometheus);

    await(discovery.refresh());

    DiscoveredSeries kept = discovery.snapshot().seriesByQuery().get("pods_query");
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
  void aFailingQueryKeepsItsPreviousSeriesAndDoesNotDiscardTheOthers() throws Exception {
    ScriptedSeries prometheus = new ScriptedSeries();
    prometheus.series.put(
        "pods_query", List.of(Map.of("__name__", "a", "namespace", "n", "pod", "p")));
    prometheus.series.put("nodes_query", List.of(Map.of("__name__", "b", "node", "x")));
    Discovery discovery = discovery(prometheus);
    await(discovery.refresh());

    prometheus.failures.put(
        "pods_query",
        PrometheusException.unreachable("/api/v1/series", new ConnectException("refused")));
    prometheus.series.put("nodes_query", List.of(Map.of("__name__", "c", "node", "x")));
    await(discovery.refresh());

    assertEquals(
        List.of("namespaces/a", "namespaces/a_again", "nodes/c", "pods/a", "pods/a_again"),
        metrics(discovery));
    assertTrue(discovery.isReady());
  }

  @Test
  void aDiscoveryOvertakenByANewerOneDoesNotPublishItsOlderCatalog() throws Exception {
    ScriptedSeries prometheus = new ScriptedSeries();
    prometheus.series.put(
        "pods_query", List.of(Map.of("__name__", "old", "namespace", "n", "pod", "p")));
    Discovery discovery = discovery(prometheus);
    ScriptedSeries.Hold slow = prometheus.holdNext("pods_query");
    Future<Void> older = discovery.refresh();
    slow.called.get(10, TimeUnit.SECONDS);

    prometheus.series.put(
        "pods_query", List.of(Map.of("__name__", "new", "namespace", "n", "pod", "p")));
    await(discovery.refresh());
    assertEquals(List.of("namespaces/new", "pods/new"), metrics(discovery));
    slow.release();
    await(older);

    assertEquals(List.of("namespaces/new", "pods/new"), metrics(discovery));
  }

  @Test
  void isNotReadyUntilEveryQueryAnsweredOnce() throws Exception {
    ScriptedSeries prometheus = new ScriptedSeries();
    prometheus.failures.put("nodes_query", PrometheusException.timeout("/api/v1/series", 10_000));
    Discovery discovery = discovery(prometheus);

    await(discovery.refresh());
    assertFalse(discovery.isReady());
    assertEquals(List.of(), metrics(discovery));

    prometheus.failures.clear();
    await(discovery.refresh());
    assertTrue(discovery.isReady());
  }

  @Test
  void aQueryPrometheusRefusesCountsAsAnsweredAndIsReportedWithItsRule() throws Exception {
    ScriptedSeries prometheus = new ScriptedSeries();
    prometheus.series.put(
        "pods_query", List.of(Map.of("__name__", "a", "namespace", "n", "pod", "p")));
    prometheus.failures.put(
        "nodes_query",
        PrometheusException.apiError(
            "/api/v1/series", 400, "bad_data", "1:12: parse error: unexpected end of input"));
    Discovery discovery = discovery(prometheus);

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
        discovery.snapshot().failures().get("nodes_query"));
    assertEquals(
        List.of(
            "r.yaml:5 rules[1]: seriesQuery nodes_query is refused by Prometheus: Prometheus"
                + " /api/v1/series failed: bad_data: 1:12: parse error: unexpected end of input"),
        discovery.failingRules());
  }

  @Test
  void anUnreachableQueryHoldsReadinessForThreeRelistIntervalsAtMost() throws Exception {
    ScriptedSeries prometheus = new ScriptedSeries();
    prometheus.series.put(
        "pods_query", List.of(Map.of("__name__", "a", "namespace", "n", "pod", "p")));
    prometheus.failures.put(
        "nodes_query",
        PrometheusException.unreachable("/api/v1/series", new ConnectException("refused")));
    SteppedClock clock = new SteppedClock();
    Discovery discovery = discovery(prometheus, clock);

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
                "r.yaml:5 rules[1]: seriesQuery nodes_query"
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
  void onceReadyStaysReadyWhenEveryQueryFailsLater() throws Exception {
    ScriptedSeries prometheus = new ScriptedSeries();
    Discovery discovery = discovery(prometheus);
    await(discovery.refresh());
    assertTrue(discovery.isReady());

    PrometheusException down =
        PrometheusException.unreachable("/api/v1/series", new ConnectException("refused"));
    prometheus.failures.put("pods_query", down);
    prometheus.failures.put("nodes_query", down);
    await(discovery.refresh());

    assertTrue(discovery.isReady());
    assertEquals(2, discovery.snapshot().failingQueries());
    assertEquals(3, discovery.failingRules().size(), "both pods_query rules and nodes_query");
    prometheus.failures.clear();
    await(discovery.refresh());
    assertEquals(List.of(), discovery.failingRules());
  }
}
