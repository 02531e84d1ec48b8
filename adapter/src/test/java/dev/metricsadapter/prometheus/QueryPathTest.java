package dev.metricsadapter.prometheus;

import static dev.metricsadapter.testing.Futures.await;
import static dev.metricsadapter.testing.Futures.failure;
import static dev.metricsadapter.testing.QueryResults.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.testing.ScriptedPrometheus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The query path in front of Prometheus: single flight and the result cache, the concurrency bound
 * with its bounded wait, the circuit breaker, the retry on connection failures and the stale
 * fallback, each against a Prometheus stand-in whose answers the test releases.
 */
class QueryPathTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final QueryResult ONE = result("1");
  private static final QueryResult TWO = result("2");

  private final Vertx vertx = Vertx.vertx();
  private final ScriptedPrometheus prometheus = new ScriptedPrometheus().holdAll();
  private final CountedEvents events = new CountedEvents();
  private final AtomicLong nanos = new AtomicLong();

  @AfterEach
  void closeVertx() {
    await(vertx.close());
  }

  private static QueryResult result(String value) {
    return vector(new QueryResult.Sample(Map.of("pod", "a"), NOW, value));
  }

  private static final class CountedEvents implements QueryPathEvents {
    final List<String> rejected = new CopyOnWriteArrayList<>();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong stale = new AtomicLong();

    @Override
    public void rejected(String reason) {
      rejected.add(reason);
    }

    @Override
    public void retried() {
      retries.incrementAndGet();
    }

    @Override
    public void staleAnswer() {
      stale.incrementAndGet();
    }
  }

  /** Calls {@code client.query} on a Vert.x event loop, as request handlers do. */
  private Future<QueryResult> query(InstantQueries client, String promql) {
    Promise<Future<QueryResult>> started = Promise.promise();
    vertx.getOrCreateContext().runOnContext(go -> started.complete(client.query(promql, NOW)));
    return await(started.future());
  }

  // Single flight and cache.

  @Test
  void identicalConcurrentQueriesShareOneCallAndTheResultIsReusedForTheTtl() {
    CachingQueries cache = new CachingQueries(vertx, prometheus, Duration.ofSeconds(3), nanos::get);

    Future<QueryResult> first = query(cache, "q");
    Future<QueryResult> second = query(cache, "q");
    Future<QueryResult> other = query(cache, "other");
    prometheus.held(1);
    assertEquals(List.of("q", "other"), prometheus.queries());
    prometheus.held(0).answer(ONE);
    prometheus.held(1).answer(TWO);
    assertSame(ONE, await(first));
    assertSame(ONE, await(second));
    assertSame(TWO, await(other));
    // The cache stamps a result's age when it sees it complete, which may follow our await;
    // moving the clock before that would make the result younger than the test assumes.
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cache.cacheStats().loadSuccessCount() == 2);

    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertSame(ONE, await(query(cache, "q")), "cached within the TTL");
    assertEquals(2, prometheus.queries().size());

    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    Future<QueryResult> expired = query(cache, "q");
    prometheus.held(2).answer(TWO);
    assertSame(TWO, await(expired), "asked again after the TTL");
    assertEquals(3, cache.cacheStats().missCount(), "three calls in all: " + cache.cacheStats());
  }

  @Test
  void zeroTtlStillCoalescesButCachesNothing() {
    CachingQueries cache = new CachingQueries(vertx, prometheus, Duration.ZERO, nanos::get);

    Future<QueryResult> first = query(cache, "q");
    Future<QueryResult> second = query(cache, "q");
    prometheus.held(0).answer(ONE);
    assertSame(ONE, await(first));
    assertSame(ONE, await(second));
    assertEquals(1, prometheus.queries().size());

    Future<QueryResult> later = query(cache, "q");
    prometheus.held(1).answer(TWO);
    assertSame(TWO, await(later));
  }

  @Test
  void aFailureIsSharedButNeverCached() {
    CachingQueries cache = new CachingQueries(vertx, prometheus, Duration.ofSeconds(3), nanos::get);
    PrometheusException down = PrometheusException.timeout("/api/v1/query", 10_000);

    Future<QueryResult> first = query(cache, "q");
    Future<QueryResult> second = query(cache, "q");
    prometheus.held(0).fail(down);
    assertSame(down, failure(first));
    assertSame(down, failure(second));

    Future<QueryResult> retry = query(cache, "q");
    prometheus.held(1).answer(ONE);
    assertSame(ONE, await(retry));
  }

  // Concurrency bound, circuit breaker, retry.

  private ResilientQueries resilient(int maxConcurrent, Duration maxWait, Duration openFor) {
    return new ResilientQueries(
        vertx, prometheus, DEADLINE, maxConcurrent, maxWait, openFor, events);
  }

  @Test
  void queriesBeyondTheBoundWaitThenGetA503WithRetryAfter() {
    ResilientQueries client = resilient(2, Duration.ofSeconds(2), Duration.ofSeconds(5));

    Future<QueryResult> a = query(client, "a");
    Future<QueryResult> b = query(client, "b");
    Future<QueryResult> waits = query(client, "c");
    Future<QueryResult> waitsToo = query(client, "d");
    Future<QueryResult> lineFull = query(client, "e");

    BackoffException rejected = assertInstanceOf(BackoffException.class, failure(lineFull));
    assertEquals(AdapterException.Kind.UNAVAILABLE, rejected.kind());
    assertEquals(Duration.ofSeconds(2), rejected.retryAfter().orElseThrow());
    assertEquals(2, prometheus.queries().size(), "c and d wait");

    prometheus.held(0).answer(ONE);
    assertSame(ONE, await(a));
    ScriptedPrometheus.Held c = prometheus.held(2);
    assertEquals("c", c.expression(), "c runs in a's slot");
    assertInstanceOf(BackoffException.class, failure(waitsToo), "d waited longer than 2s");
    assertEquals(3, prometheus.queries().size());
    c.answer(TWO);
    assertSame(TWO, await(waits));
    assertEquals(List.of("overloaded", "overloaded"), events.rejected);

    prometheus.held(1).answer(ONE);
    assertSame(ONE, await(b));
  }

  @Test
  void circuitOpensAfterOutagesFailsFastThenProbes() {
    ResilientQueries client = resilient(8, Duration.ofSeconds(1), Duration.ofMillis(500));
    PrometheusException slow = PrometheusException.timeout("/api/v1/query", 10_000);
    for (int i = 0; i < ResilientQueries.WINDOW / 2; i++) {
      Future<QueryResult> failing = query(client, "q" + i);
      prometheus.held(i).fail(slow);
      assertSame(slow, failure(failing));
    }

    BackoffException open =
        assertInstanceOf(BackoffException.class, failure(query(client, "fast")));
    assertEquals(Duration.ofMillis(500), open.retryAfter().orElseThrow());
    assertEquals(5, prometheus.queries().size(), "not sent while open");
    assertEquals(List.of("circuit_open"), events.rejected);

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              Future<QueryResult> probe = query(client, "probe");
              if (prometheus.queries().size() == 6) {
                prometheus.held(5).answer(ONE);
                return await(probe) == ONE;
              }
              return false;
            });
    Future<QueryResult> closed = query(client, "after");
    prometheus.held(6).answer(TWO);
    assertSame(TWO, await(closed), "closed again after a successful probe");
  }

  @Test
  void badQueriesNeverOpenTheCircuit() {
    ResilientQueries client = resilient(8, Duration.ofSeconds(1), Duration.ofSeconds(5));
    PrometheusException bad = PrometheusException.apiError("/api/v1/query", 400, "bad_data", "x");
    for (int i = 0; i < ResilientQueries.WINDOW; i++) {
      Future<QueryResult> failing = query(client, "q" + i);
      prometheus.held(i).fail(bad);
      assertSame(bad, failure(failing));
    }
    Future<QueryResult> next = query(client, "next");
    prometheus.held(ResilientQueries.WINDOW).answer(ONE);
    assertSame(ONE, await(next));
    assertTrue(events.rejected.isEmpty());
  }

  @Test
  void aConnectionFailureIsRetriedOnceAndNothingElseIs() {
    ResilientQueries client = resilient(8, Duration.ofSeconds(1), Duration.ofSeconds(5));
    PrometheusException refused =
        PrometheusException.unreachable("/api/v1/query", new ConnectException("refused"));

    Future<QueryResult> recovered = query(client, "q");
    prometheus.held(0).fail(refused);
    prometheus.held(1).answer(ONE);
    assertSame(ONE, await(recovered));
    assertEquals(1, events.retries.get());

    Future<QueryResult> twice = query(client, "r");
    prometheus.held(2).fail(refused);
    prometheus.held(3).fail(refused);
    assertSame(refused, failure(twice), "one retry only");

    Future<QueryResult> timedOut = query(client, "s");
    PrometheusException slow = PrometheusException.timeout("/api/v1/query", 10_000);
    prometheus.held(4).fail(slow);
    assertSame(slow, failure(timedOut));
    assertEquals(5, prometheus.queries().size(), "timeouts are not retried");
    assertEquals(2, events.retries.get());
  }

  // Stale fallback.

  @Test
  void anOutageIsAnsweredWithTheLastGoodResultWhileItIsYoungEnough() {
    StaleFallbackQueries client =
        new StaleFallbackQueries(prometheus, Duration.ofMinutes(2), events, nanos::get);
    Future<QueryResult> good = query(client, "q");
    prometheus.held(0).answer(ONE);
    assertSame(ONE, await(good));

    Future<QueryResult> during = query(client, "q");
    prometheus.held(1).fail(BackoffException.circuitOpen(Duration.ofSeconds(5)));
    assertSame(ONE, await(during));
    assertEquals(1, events.stale.get());

    PrometheusException bad = PrometheusException.apiError("/api/v1/query", 422, "execution", "x");
    Future<QueryResult> badQuery = query(client, "q");
    prometheus.held(2).fail(bad);
    assertSame(bad, failure(badQuery), "only outages are masked");

    Future<QueryResult> neverAnswered = query(client, "other");
    PrometheusException down =
        PrometheusException.unreachable("/api/v1/query", new ConnectException("refused"));
    prometheus.held(3).fail(down);
    assertSame(down, failure(neverAnswered), "no earlier result");

    nanos.addAndGet(Duration.ofMinutes(3).toNanos());
    Future<QueryResult> tooOld = query(client, "q");
    prometheus.held(4).fail(down);
    assertSame(down, failure(tooOld));
    assertEquals(1, events.stale.get());
  }
}
