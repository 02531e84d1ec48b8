package dev.metricsadapter.provider;

import static dev.metricsadapter.testing.Futures.await;
import static dev.metricsadapter.testing.Futures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.metricsadapter.kube.ObjectLister.MetricSource;
import dev.metricsadapter.prometheus.PrometheusException;
import dev.metricsadapter.prometheus.QueryPathEvents;
import dev.metricsadapter.prometheus.StaleFallback;
import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.query.SelectorException;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.ResourceInfo;
import dev.metricsadapter.testing.ScriptedPrometheus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
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

  @Test
  void aListingIsReusedForItsTtl() {
    Vertx vertx = Vertx.vertx();
    try {
      ScriptedPrometheus prometheus = new ScriptedPrometheus().series(List.of(pod("b"), pod("a")));
      SeriesObjectLister lister =
          new SeriesObjectLister(
              vertx, prometheus, Duration.ofMinutes(1), Duration.ofMinutes(5), Clock.systemUTC());
      ResourceInfo pods = new BuiltinResourceMapper().resolve("", "pods").orElseThrow();

      for (int i = 0; i < 3; i++) {
        assertEquals(
            List.of("a", "b"),
            await(lister.names(pods, "demo", LabelSelector.parse("app=web"), PODS)));
      }
      assertEquals(1, prometheus.matches().size());
      await(lister.names(pods, "demo", LabelSelector.parse("app=api"), PODS));
      assertEquals(2, prometheus.matches().size(), "another selector is another listing");
    } finally {
      await(vertx.close());
    }
  }

  /** A series of {@code PODS} in namespace demo for the pod {@code name}, labelled app=web. */
  private static Map<String, String> pod(String name) {
    return Map.of(
        "__name__", "http_requests_total", "namespace", "demo", "pod", name, "app", "web");
  }

  /** The pods in namespace demo, listed by {@code lister}. */
  private static Future<List<String>> listing(SeriesObjectLister lister) {
    ResourceInfo pods = new BuiltinResourceMapper().resolve("", "pods").orElseThrow();
    return lister.names(pods, "demo", LabelSelector.parse(""), PODS);
  }

  /** A lister without reuse over {@code prometheus}, run in a fresh Vert.x by {@code test}. */
  private static void withLister(
      ScriptedPrometheus prometheus,
      Optional<StaleFallback<List<String>>> stale,
      LongConsumer invalid,
      Consumer<SeriesObjectLister> test) {
    Vertx vertx = Vertx.vertx();
    try {
      test.accept(
          new SeriesObjectLister(
              vertx,
              prometheus,
              Duration.ofMinutes(1),
              Duration.ZERO,
              Clock.systemUTC(),
              stale,
              invalid));
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void labelValuesThatCannotNameAPodAreLeftOutAndCounted() {
    ScriptedPrometheus prometheus =
        new ScriptedPrometheus()
            .series(
                Stream.of("web-1", "Bad_Pod", "quote\"pod", "web-2.x", "-dash")
                    .map(SeriesObjectListerTest::pod)
                    .toList());
    AtomicLong invalid = new AtomicLong();
    withLister(
        prometheus,
        Optional.empty(),
        invalid::addAndGet,
        lister -> assertEquals(List.of("web-1", "web-2.x"), await(listing(lister))));
    assertEquals(3, invalid.get());
  }

  @Test
  void anOutageIsAnsweredWithTheLastListingWithinTheStaleBoundAndOtherFailuresAreNot() {
    ScriptedPrometheus prometheus = new ScriptedPrometheus().series(List.of(pod("web-1")));
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
          assertEquals(List.of("web-1"), await(listing(lister)));

          prometheus.failAll(
              PrometheusException.unreachable("/api/v1/series", new ConnectException("refused")));
          assertEquals(List.of("web-1"), await(listing(lister)));
          assertEquals(1, staleAnswers.get());

          prometheus.failAll(
              PrometheusException.apiError("/api/v1/series", 400, "bad_data", "parse error"));
          failure(listing(lister), PrometheusException.class);
        });
  }
}
