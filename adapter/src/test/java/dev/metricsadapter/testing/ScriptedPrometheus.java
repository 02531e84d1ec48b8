package dev.metricsadapter.testing;

import dev.metricsadapter.prometheus.PrometheusClient;
import dev.metricsadapter.prometheus.QueryResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.awaitility.Awaitility;

/**
 * An in-memory Prometheus for unit tests, in both roles of {@link PrometheusClient}:
 *
 * <ul>
 *   <li>a query answers what {@link #answer} scripted for exactly its PromQL, else what {@link
 *       #answerAll} set (an empty vector unless changed);
 *   <li>a series call lists those of the series set by {@link #series} that its {@code match[]}
 *       selector selects, as Prometheus would ({@link SeriesMatchers}), in the order they were set;
 *   <li>a failure ({@link #fail} for one query or selector, {@link #failAll} for every call) wins
 *       over any answer until {@link #recover};
 *   <li>every call is recorded ({@link #queries}, {@link #matches}, {@link #seriesStarts}) until
 *       {@link #forget};
 *   <li>a held call ({@link #holdAll}, {@link #holdNext}) waits until the test settles it through
 *       {@link #held}.
 * </ul>
 *
 * <p>What a call answers is decided when it arrives, from the script as it is then. A call that is
 * not held has completed (its series delivered to the sink) when it returns; a held one completes
 * on the Vert.x context it was made on (or on the settling thread when it had none). Thread-safe.
 */
public final class ScriptedPrometheus implements PrometheusClient {

  private final Map<String, QueryResult> answers = new HashMap<>();
  private QueryResult otherwise = QueryResults.vector();
  private List<Map<String, String>> series = List.of();
  private final Map<String, Throwable> failures = new HashMap<>();
  private Throwable everyCallFails;
  private final List<String> queries = new ArrayList<>();
  private final List<String> matches = new ArrayList<>();
  private final List<Instant> starts = new ArrayList<>();
  private long callsToHold;
  private final List<Held> held = new CopyOnWriteArrayList<>();

  /** Answers the query {@code promql} (exactly this text) with {@code result}. */
  public synchronized ScriptedPrometheus answer(String promql, QueryResult result) {
    answers.put(promql, result);
    return this;
  }

  /** Answers every query that {@link #answer} did not script with {@code result}. */
  public synchronized ScriptedPrometheus answerAll(QueryResult result) {
    otherwise = result;
    return this;
  }

  /**
   * Sets the series Prometheus has, replacing the earlier ones: label sets, {@code __name__}
   * included.
   */
  public synchronized ScriptedPrometheus series(List<Map<String, String>> labelSets) {
    series = labelSets.stream().map(Map::copyOf).toList();
    return this;
  }

  /**
   * Fails every later query of {@code promql}, or series call for {@code match}, with {@code e}.
   */
  public synchronized ScriptedPrometheus fail(String promqlOrMatch, Throwable e) {
    failures.put(promqlOrMatch, e);
    return this;
  }

  /** Fails every later call, query or series, with {@code e} (unless {@link #fail} said else). */
  public synchronized ScriptedPrometheus failAll(Throwable e) {
    everyCallFails = e;
    return this;
  }

  /** Drops every failure {@link #fail} and {@link #failAll} scripted. */
  public synchronized ScriptedPrometheus recover() {
    failures.clear();
    everyCallFails = null;
    return this;
  }

  /** Holds every later call until the test settles it. */
  public synchronized ScriptedPrometheus holdAll() {
    callsToHold = Long.MAX_VALUE;
    return this;
  }

  /** Holds the next call, query or series, until the test settles it; later ones are not held. */
  public synchronized ScriptedPrometheus holdNext() {
    callsToHold = 1;
    return this;
  }

  /** The PromQL of every query so far, in call order. */
  public synchronized List<String> queries() {
    return List.copyOf(queries);
  }

  /** The {@code match[]} selector of every series call so far, in call order. */
  public synchronized List<String> matches() {
    return List.copyOf(matches);
  }

  /** The {@code start} of every series call so far, in call order. */
  public synchronized List<Instant> seriesStarts() {
    return List.copyOf(starts);
  }

  /** Forgets the calls recorded so far (held calls stay held). */
  public synchronized ScriptedPrometheus forget() {
    queries.clear();
    matches.clear();
    starts.clear();
    return this;
  }

  /** The {@code index}th held call (from 0, in call order), waiting at most 10 s for it. */
  public Held held(int index) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> held.size() > index);
    return held.get(index);
  }

  @Override
  public Future<QueryResult> query(String promql, Instant time) {
    Future<QueryResult> outcome;
    Held call;
    synchronized (this) {
      queries.add(promql);
      Throwable failure = failureOf(promql);
      outcome =
          failure != null
              ? Future.failedFuture(failure)
              : Future.succeededFuture(answers.getOrDefault(promql, otherwise));
      call = holdThisCall(promql, true);
    }
    if (call == null) {
      return outcome;
    }
    return call.settled.future().compose(given -> given == null ? outcome : given);
  }

  @Override
  public Future<Void> series(String match, Instant start, Consumer<Map<String, String>> sink) {
    Throwable failure;
    List<Map<String, String>> listed;
    Held call;
    synchronized (this) {
      matches.add(match);
      starts.add(start);
      failure = failureOf(match);
      SeriesMatchers selector = SeriesMatchers.of(match);
      listed = series.stream().filter(selector::selects).toList();
      call = holdThisCall(match, false);
    }
    if (call == null) {
      return list(listed, failure, sink);
    }
    return call.settled
        .future()
        .compose(given -> given == null ? list(listed, failure, sink) : given.mapEmpty());
  }

  /** Fails with {@code failure} when there is one, else delivers {@code listed} to the sink. */
  private static Future<Void> list(
      List<Map<String, String>> listed, Throwable failure, Consumer<Map<String, String>> sink) {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    listed.forEach(sink);
    return Future.succeededFuture();
  }

  private Throwable failureOf(String promqlOrMatch) {
    return failures.getOrDefault(promqlOrMatch, everyCallFails);
  }

  /** The call of {@code expression} held, if it is to be; else null. */
  private Held holdThisCall(String expression, boolean query) {
    if (callsToHold == 0) {
      return null;
    }
    callsToHold--;
    Held call = new Held(expression, query);
    held.add(call);
    return call;
  }

  /** A call waiting for the test; settle it once, by one of its methods. */
  public static final class Held {
    private final String expression;
    private final boolean query;
    private final Context context = Vertx.currentContext();

    /** Completed with the outcome the test gave, or with null for the scripted one. */
    private final Promise<Future<QueryResult>> settled = Promise.promise();

    private Held(String expression, boolean query) {
      this.expression = expression;
      this.query = query;
    }

    /** The PromQL of a query, the {@code match[]} selector of a series call. */
    public String expression() {
      return expression;
    }

    /** Completes the call as the script said when it arrived. */
    public void release() {
      settle(null);
    }

    /**
     * Completes a query with {@code result}; a series call throws {@link IllegalStateException}.
     */
    public void answer(QueryResult result) {
      if (!query) {
        throw new IllegalStateException("a series call is settled by release() or fail()");
      }
      settle(Future.succeededFuture(result));
    }

    /** Fails the call with {@code e}. */
    public void fail(Throwable e) {
      settle(Future.failedFuture(e));
    }

    private void settle(Future<QueryResult> given) {
      if (context == null) {
        settled.complete(given);
      } else {
        context.runOnContext(go -> settled.complete(given));
      }
    }
  }
}
