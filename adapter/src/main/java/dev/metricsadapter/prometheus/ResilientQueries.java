package dev.metricsadapter.prometheus;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the queries sent to Prometheus.
 *
 * <ul>
 *   <li>A circuit breaker (resilience4j) counts queries that were unavailable or timed out; when
 *       half of the last {@value #WINDOW} failed it opens, and queries fail at once with 503 and
 *       {@code Retry-After} for {@code openFor}; then one probe query is let through, and its
 *       outcome closes or reopens the circuit.
 *   <li>At most {@code maxConcurrent} queries run at once; as many again wait, each at most {@code
 *       maxWait}; beyond that a query fails with 503 and {@code Retry-After} ({@link
 *       QueryLimiter}).
 *   <li>A query that could not connect at all is sent once more after a random pause of {@value
 *       #MIN_PAUSE_MILLIS}-{@value #MAX_PAUSE_MILLIS} ms, if it failed within the first half of the
 *       Prometheus deadline (so that the retry ends within the request's own deadline).
 * </ul>
 *
 * Thread-safe; never blocks.
 */
public final class ResilientQueries implements InstantQueries {

  private static final Logger LOG = LoggerFactory.getLogger(ResilientQueries.class);

  /** Queries the failure rate is computed over. */
  static final int WINDOW = 10;

  static final int MIN_PAUSE_MILLIS = 50;
  static final int MAX_PAUSE_MILLIS = 250;

  private final Vertx vertx;
  private final InstantQueries delegate;
  private final Duration timeout;
  private final Duration openFor;
  private final CircuitBreaker breaker;
  private final QueryLimiter limiter;
  private final QueryPathEvents events;

  /**
   * @param timeout the delegate's deadline per call
   * @param maxConcurrent queries running at once
   * @param maxWait the longest a query waits for a slot
   * @param openFor how long the circuit stays open before a probe
   */
  public ResilientQueries(
      Vertx vertx,
      InstantQueries delegate,
      Duration timeout,
      int maxConcurrent,
      Duration maxWait,
      Duration openFor,
      QueryPathEvents events) {
    this.vertx = vertx;
    this.delegate = delegate;
    this.timeout = timeout;
    this.openFor = openFor;
    this.events = events;
    this.limiter = new QueryLimiter(vertx, maxConcurrent, maxConcurrent, maxWait);
    this.breaker =
        CircuitBreaker.of(
            "prometheus",
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(WINDOW)
                .minimumNumberOfCalls(WINDOW / 2)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(PrometheusException::isOutage)
                .build());
    breaker
        .getEventPublisher()
        .onStateTransition(
            event ->
                LOG.warn(
                    "Prometheus circuit breaker: {}",
                    event.getStateTransition().name().toLowerCase(java.util.Locale.ROOT)));
  }

  @Override
  public Future<QueryResult> query(String promql, Instant time) {
    if (!breaker.tryAcquirePermission()) {
      events.rejected("circuit_open");
      return Future.failedFuture(BackoffException.circuitOpen(openFor));
    }
    return limiter
        .submit(() -> measured(promql, time))
        .onFailure(
            failure -> {
              if (failure instanceof BackoffException) {
                breaker.releasePermission();
                events.rejected("overloaded");
              }
            });
  }

  /** The query (retried once on a connection failure), its outcome recorded by the breaker. */
  private Future<QueryResult> measured(String promql, Instant time) {
    long started = System.nanoTime();
    return retryingOnce(promql, time, started)
        .onComplete(
            done -> {
              long took = System.nanoTime() - started;
              if (done.succeeded()) {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
              } else {
                breaker.onError(took, TimeUnit.NANOSECONDS, done.cause());
              }
            });
  }

  private Future<QueryResult> retryingOnce(String promql, Instant time, long started) {
    return delegate
        .query(promql, time)
        .recover(
            failure -> {
              long elapsed = System.nanoTime() - started;
              if (!(failure instanceof PrometheusException e && e.isConnectionFailure())
                  || elapsed > timeout.toNanos() / 2) {
                return Future.failedFuture(failure);
              }
              events.retried();
              Promise<QueryResult> retried = Promise.promise();
              long pause =
                  ThreadLocalRandom.current().nextLong(MIN_PAUSE_MILLIS, MAX_PAUSE_MILLIS + 1);
              vertx.setTimer(pause, id -> delegate.query(promql, time).onComplete(retried));
              return retried.future();
            });
  }
}
