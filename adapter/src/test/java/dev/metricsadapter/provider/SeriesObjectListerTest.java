package dev.metricsadapter.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.metricsadapter.kube.ObjectLister.MetricSource;
import dev.metricsadapter.prometheus.PrometheusClient;
import dev.metricsadapter.prometheus.PrometheusException;
import dev.metricsadapter.prometheus.QueryPathEvents;
import dev.metricsadapter.prometheus.QueryResult;
import dev.metricsadapter.prometheus.StaleFallback;
import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.query.SelectorException;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.ResourceInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/** The series selector standalone object listing sends to Prometheus, and the reuse of listings. */
class SeriesObjectListerTest {

  private static final MetricSource PODS =
      new MetricSource("http_requests_total", "pod", "namespace");

  @Test
  void selectsTheSeriesOfTheNamespaceMatchingTheSelectorWithANonEmptyResourceLabel() {
    assertEquals(
        "{__name__=\"http_requests_total\",namespace=\"demo\",app=\"web\",tier!=\"db\",pod!=\"\"}",
        SeriesObjectLister.match("demo", LabelSelector.parse("app=web,tier!=db"), PODS));
    assertEquals(
        "{__name__=\"http_requests_total\",pod!=\"\"}",
        SeriesObjectLister.match(null, LabelSelector.parse(""), PODS));
  }

  @Test
  void setsAreEscapedRegexAlternationsAndExistenceIsEmptiness() {
    assertEquals(
        "{__name__=\"http_requests_total\",namespace=\"demo\",app=~\"a\\\\.b|c\",track=\"\","
            + "zone!=\"\",pod!=\"\"}",
        SeriesObjectLister.match("demo", LabelSelector.parse("app in (a.b,c),!track,zone"), PODS));
  }

  @Test
  void selectorKeysThatAreNoPrometheusLabelNamesAreRejected() {
    assertThrows(
        SelectorException.class,
        () ->
            SeriesObjectLister.match(
                "demo", LabelSelector.parse("app.kubernetes.io/name=web"), PODS));
  }

  /** Lists two pods for any selector; counts the calls. */
  private static final class CountingPrometheus implements PrometheusClient {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Future<Void> series(String match, Instant start, Consumer<Map<String, String>> sink) {
      calls.incrementAndGet();
      sink.accept(Map.of("__name__", "http_requests_total", "namespace", "demo", "pod", "b"));
      sink.accept(Map.of("__name__", "http_requests_total", "namespace", "demo", "pod", "a"));
      return Future.succeededFuture();
    }

    @Override
    public Future<QueryResult> query(String promql, Instant time) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void aListingIsReusedForItsTtl() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      CountingPrometheus prometheus = new CountingPrometheus();
      SeriesObjectLister lister =
          new SeriesObjectLister(
              vertx, prometheus, Duration.ofMinutes(1), Duration.ofMinutes(5), Clock.systemUTC());
      ResourceInfo pods = new BuiltinResourceMapper().resolve("", "pods").orElseThrow();

      for (int i = 0; i < 3; i++) {
        assertEquals(
            List.of("a", "b"),
            lister
                .names(pods, "demo", LabelSelector.parse("app=web"), PODS)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS));
      }
      assertEquals(1, prometheus.calls.get());
      lister
          .names(pods, "demo", LabelSelector.parse("app=api"), PODS)
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      assertEquals(2, prometheus.calls.get(), "another selector is another listing");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** Lists the given pods, or fails; changeable between calls. */
  private static final class ScriptedPods implements PrometheusClient {
    volatile List<String> pods = List.of();
    volatile Throwable failure;

    @Override
    public Future<Void> series(String match, Instant start, Consumer<Map<String, String>> sink) {
      if (failure != null) {
        return Future.failedFuture(failure);
      }
      pods.forEach(pod -> sink.accept(Map.of("__name__", "m", "namespace", "demo", "pod", pod)));
      return Future.succeededFuture();
    }

    @Override
    public Future<QueryResult> query(String promql, Instant time) {
      throw new UnsupportedOperationException();
    }
  }

  private static List<String> names(SeriesObjectLister lister) throws Exception {
    ResourceInfo pods = new BuiltinResourceMapper().resolve("", "pods").orElseThrow();
    return lister
        .names(pods, "demo", LabelSelector.parse(""), PODS)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  /** A lister without reuse over {@code prometheus}, run in a fresh Vert.x by {@code test}. */
  private static void withLister(
      ScriptedPods prometheus,
      Optional<StaleFallback<List<String>>> stale,
      LongConsumer invalid,
      ListerTest test)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      test.run(
          new SeriesObjectLister(
              vertx,
              prometheus,
              Duration.ofMinutes(1),
              Duration.ZERO,
              Clock.systemUTC(),
              stale,
              invalid));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private interface ListerTest {
    void run(SeriesObjectLister lister) throws Exception;
  }

  @Test
  void labelValuesThatCannotNameAPodAreLeftOutAndCounted() throws Exception {
    ScriptedPods prometheus = new ScriptedPods();
    prometheus.pods = List.of("web-1", "Bad_Pod", "quote\"pod", "web-2.x", "-dash");
    AtomicLong invalid = new AtomicLong();
    withLister(
        prometheus,
        Optional.empty(),
        invalid::addAndGet,
        lister -> assertEquals(List.of("web-1", "web-2.x"), names(lister)));
    assertEquals(3, invalid.get());
  }

  @Test
  void anOutageIsAnsweredWithTheLastListingWithinTheStaleBoundAndOtherFailuresAreNot()
      throws Exception {
    ScriptedPods prometheus = new ScriptedPods();
    prometheus.pods = List.of("web-1");
    AtomicInteger staleAnswers = new AtomicInteger();
    QueryPathEvents events =
        new QueryPathEvents() {
          @Override
          public void rejected(String reason) {}

          @Override
          public void retried() {}

          @Override
          public void staleAnswer() {
            staleAnswers.incrementAndGet();
          }
        };
    withLister(
        prometheus,
        Optional.of(new StaleFallback<>("object listings", Duration.ofMinutes(5), events)),
        count -> {},
        lister -> {
          assertEquals(List.of("web-1"), names(lister));

          prometheus.failure =
              PrometheusException.unreachable("/api/v1/series", new ConnectException("refused"));
          assertEquals(List.of("web-1"), names(lister));
          assertEquals(1, staleAnswers.get());

          prometheus.failure =
              PrometheusException.apiError("/api/v1/series", 400, "bad_data", "parse error");
          ExecutionException refused = assertThrows(ExecutionException.class, () -> names(lister));
          assertInstanceOf(PrometheusException.class, refused.getCause());
        });
  }
}
