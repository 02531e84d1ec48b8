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
    synchronized (this) {
      queries.add(promql);
      Throwable failure = failureOf(promql);
      outcome =
          failure != null
              ? Future.failedFuture(failure)
              : Future.succeededFuture(answers.getOrDefault(promql, otherwise));
      if (!holdThisCall()) {
        return outcome;
      }
    }
    Promise<QueryResult> answer = Promise.promise();
    held.add(new Held(promql, () -> answer.handle(outcome), answer::complete, answer::fail));
    return answer.future();
  }

  @Override
  public Future<Void> series(String match, Instant start, Consumer<Map<String, String>> sink) {
    Throwable failure;
    List<Map<String, String>> listed;
    boolean hold;
    synchronized (this) {
      matches.add(match);
      starts.add(start);
      failure = failureOf(match);
      SeriesMatchers selector = SeriesMatchers.of(match);
      listed = series.stream().filter(selector::selects).toList();
      hold = holdThisCall();
    }
    Promise<Void> done = Promise.promise();
    Runnable release =
        () -> {
          if (failure != null) {
            done.fail(failure);
          } else {
            listed.forEach(sink);
            done.complete();
          }
        };
    if (hold) {
      held.add(new Held(match, release, null, done::fail));
    } else {
      release.run();
    }
    return done.future();
  }

  private Throwable failureOf(String promqlOrMatch) {
    return failures.getOrDefault(promqlOrMatch, everyCallFails);
  }

  private boolean holdThisCall() {
    if (callsToHold == 0) {
      return false;
    }
    callsToHold--;
    return true;
  }

  /** A call waiting for the test; settle it once, by one of its methods. */
  public static final class Held {
    private final String expression;
    private final Context context = Vertx.currentContext();
    private final Runnable release;
    private final Consumer<QueryResult> answer; // null for a series call
    private final Consumer<Throwable> fail;

    private Held(
        String expression,
        Runnable release,
        Consumer<QueryResult> answer,
        Consumer<Throwable> fail) {
      this.expression = expression;
      this.release = release;
      this.answer = answer;
      this.fail = fail;
    }

    /** The PromQL of a query, the {@code match[]} selector of a series call. */
    public String expression() {
      return expression;
    }

    /** Completes the call as the script said when it arrived. */
    public void release() {
      settle(release);
    }

    /**
     * Completes a query with {@code result}; a series call throws {@link IllegalStateException}.
     */
    public void answer(QueryResult result) {
      if (answer == null) {
        throw new IllegalStateException("a series call is settled by release() or fail()");
      }
      settle(() -> answer.accept(result));
    }

    /** Fails the call with {@code e}. */
    public void fail(Throwable e) {
      settle(() -> fail.accept(e));
    }

    private void settle(Runnable settlement) {
      if (context == null) {
        settlement.run();
      } else {
        context.runOnContext(go -> settlement.run());
      }
    }
  }
}
