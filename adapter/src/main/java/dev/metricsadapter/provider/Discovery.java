package dev.metricsadapter.provider;

import static net.logstash.logback.argument.StructuredArguments.v;

import dev.metricsadapter.catalog.CatalogBuilder;
import dev.metricsadapter.catalog.ExternalCatalog;
import dev.metricsadapter.catalog.MetricCatalog;
import dev.metricsadapter.prometheus.SeriesListing;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the servable metrics: every relist interval, one {@code /api/v1/series} call per
 * distinct seriesQuery (at most {@code maxConcurrent} at once), then the rule engine builds a new
 * {@link MetricCatalog}, published atomically. A failing seriesQuery keeps its previous answer and
 * does not discard the others; its failure is logged when it starts and when it recovers.
 * Discoveries may overlap (a rule reload during a relist); one that finishes after a newer one has
 * published is discarded, so the catalog never goes back to older rules or series.
 *
 * <p>Readiness: the adapter is ready once every seriesQuery has been answered, with series or with
 * a definitive refusal from Prometheus ({@link QueryFailure#definitive()}, e.g. a selector that
 * does not parse), so that one bad rule cannot keep every replica unready. A query that is merely
 * unreachable or too slow holds readiness for at most {@value #READINESS_BOUND_INTERVALS} relist
 * intervals after the first discovery began; then the adapter is ready with what it has. Once
 * ready, it stays ready: a later failure (a reload with a new failing query, an outage) is
 * reported, not turned into unreadiness of every replica at once.
 *
 * <p>Thread-safety: {@link #snapshot()} and {@link #isReady()} may be called from any thread;
 * discovery itself runs on the Vert.x context that called {@link #start()}, and the catalog is
 * built on a worker thread.
 */
public final class Discovery {

  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

  /** Relist intervals a transiently failing seriesQuery may hold readiness for. */
  static final int READINESS_BOUND_INTERVALS = 3;

  private final Vertx vertx;
  private final Context context;
  private final SeriesListing prometheus;
  private final Supplier<CompiledRules> rules;
  private final ResourceMapper mapper;
  private final Duration relistInterval;
  private final Duration maxAge;
  private final Clock clock;
  private final int maxConcurrent;
  private final AtomicReference<DiscoverySnapshot> snapshot =
      new AtomicReference<>(DiscoverySnapshot.EMPTY);
  private final Map<String, QueryFailure> failures = new HashMap<>();
  private final Set<String> answeredOnce = new HashSet<>();
  private volatile boolean ready;
  private Instant readinessDeadline;
  private volatile boolean stopped;
  private long timer = -1;
  private long started;
  private long published;

  /**
   * @param rules the current rules (read at the start of every discovery)
   * @param maxAge how far back series are looked for
   * @param maxConcurrent how many series calls run at once
   */
  public Discovery(
      Vertx vertx,
      SeriesListing prometheus,
      Supplier<CompiledRules> rules,
      ResourceMapper mapper,
      Duration relistInterval,
      Duration maxAge,
      Clock clock,
      int maxConcurrent) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.prometheus = prometheus;
    this.rules = rules;
    this.mapper = mapper;
    this.relistInterval = relistInterval;
    this.maxAge = maxAge;
    this.clock = clock;
    this.maxConcurrent = maxConcurrent;
  }

  /** The latest completed discovery. */
  public DiscoverySnapshot snapshot() {
    return snapshot.get();
  }

  /**
   * Whether every seriesQuery has been answered at least once (see the class comment for the bound
   * on transient failures); never false again once true.
   */
  public boolean isReady() {
    return ready;
  }

  /**
   * The rules whose seriesQuery failed in the latest discovery, one line each: {@code file:line
   * rules[i]: seriesQuery Q failed: why}. Empty while every query answers.
   */
  public List<String> failingRules() {
    Map<String, QueryFailure> failing = snapshot.get().failures();
    CompiledRules current = rules.get();
    List<String> lines = new ArrayList<>();
    Stream.concat(current.rules().stream(), current.externalRules().stream())
        .forEach(
            rule -> {
              QueryFailure failure = failing.get(rule.seriesQuery());
              if (failure != null) {
                lines.add(
                    rule
                        + ": seriesQuery "
                        + rule.seriesQuery()
                        + (failure.definitive() ? " is refused by Prometheus: " : " failed: ")
                        + failure.message());
              }
            });
    return lines;
  }

  /** Runs a discovery now and then every relist interval after the previous one ends. */
  public Future<Void> start() {
    return refresh().onComplete(done -> schedule());
  }

  /**
   * Runs one discovery on the discovery's own context; completes when the snapshot is published.
   */
  public Future<Void> refresh() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(go -> discover().onComplete(done));
    return done.future();
  }

  private void schedule() {
    if (!stopped) {
      context.runOnContext(
          go ->
              timer =
                  vertx.setTimer(
                      relistInterval.toMillis(), id -> discover().onComplete(done -> schedule())));
    }
  }

  /** Stops the periodic discovery. */
  public void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private Future<Void> discover() {
    long generation = ++started;
    if (readinessDeadline == null) {
      readinessDeadline =
          clock.instant().plus(relistInterval.multipliedBy(READINESS_BOUND_INTERVALS));
    }
    CompiledRules current = rules.get();
    Set<String> queries = new LinkedHashSet<>();
    current.rules().forEach(rule -> queries.add(rule.seriesQuery()));
    current.externalRules().forEach(rule -> queries.add(rule.seriesQuery()));
    Instant start = clock.instant().minus(maxAge);
    Map<String, DiscoveredSeries> answers = new HashMap<>();
    Map<String, DiscoveredSeries> previous = snapshot.get().seriesByQuery();
    Instant began = clock.instant();
    return new BoundedBatch(
            new ArrayList<>(queries),
            query ->
                fetch(query, start)
                    .<Void>map(
                        series -> {
                          answers.put(query, series);
                          recovered(query);
                          return null;
                        })
                    .recover(
                        failure -> {
                          failed(query, failure);
                          answers.put(query, previous.getOrDefault(query, DiscoveredSeries.NONE));
                          return Future.<Void>succeededFuture();
                        }),
            maxConcurrent)
        .run()
        .compose(
            done -> {
              failures.keySet().retainAll(queries);
              Map<String, QueryFailure> failing = Map.copyOf(failures);
              return vertx.executeBlocking(() -> build(current, answers, began, failing), false);
            })
        .map(
            built -> {
              if (generation < published) {
                LOG.debug("discarding a discovery overtaken by a newer one");
                return null;
              }
              published = generation;
              snapshot.set(built);
              updateReadiness(queries);
              LOG.debug("discovery published {} metrics", built.catalog().entries().size());
              return null;
            });
  }

  /** The query's answer, reduced to shapes as it streams in. */
  private Future<DiscoveredSeries> fetch(String query, Instant start) {
    DiscoveredSeries.Builder answer = new DiscoveredSeries.Builder();
    return prometheus.series(query, start, answer::add).map(done -> answer.build());
  }

  private void updateReadiness(Set<String> queries) {
    if (ready) {
      return;
    }
    if (answeredOnce.containsAll(queries)) {
      ready = true;
    } else if (!clock.instant().isBefore(readinessDeadline)) {
      ready = true;
      LOG.warn(
          "discovery: ready without an answer to {} of {} seriesQueries after {} relist intervals;"
              + " their metrics are missing until Prometheus answers them",
          queries.stream().filter(query -> !answeredOnce.contains(query)).count(),
          queries.size(),
          READINESS_BOUND_INTERVALS);
    }
  }

  private DiscoverySnapshot build(
      CompiledRules current,
      Map<String, DiscoveredSeries> answers,
      Instant began,
      Map<String, QueryFailure> failing) {
    MetricCatalog catalog =
        new CatalogBuilder(mapper).build(DiscoverySnapshot.seriesOf(current.rules(), answers));
    ExternalCatalog external =
        ExternalCatalog.build(DiscoverySnapshot.seriesOf(current.externalRules(), answers));
    catalog.warnings().forEach(warning -> LOG.warn("discovery: {}", warning));
    external.warnings().forEach(warning -> LOG.warn("discovery: {}", warning));
    Instant now = clock.instant();
    return new DiscoverySnapshot(
        catalog, external, answers, now, Duration.between(began, now), failing);
  }

  private void failed(String query, Throwable cause) {
    QueryFailure failure = QueryFailure.of(cause);
    if (failure.definitive()) {
      answeredOnce.add(query);
    }
    if (!failure.equals(failures.put(query, failure))) {
      LOG.warn(
          "discovery: series query {} {}, keeping its previous series: {}",
          v("series_query", query),
          failure.definitive() ? "is refused by Prometheus (fix the rule)" : "failed",
          failure.message());
    }
  }

  private void recovered(String query) {
    answeredOnce.add(query);
    if (failures.remove(query) != null) {
      LOG.info("discovery: series query {} answers again", query);
    }
  }

  /** Runs a task per item with at most {@code limit} running at once, on the calling context. */
  private static final class BoundedBatch {
    private final Queue<String> pending;
    private final Function<String, Future<Void>> task;
    private final int limit;
    private final Promise<Void> done = Promise.promise();
    private int running;

    BoundedBatch(List<String> items, Function<String, Future<Void>> task, int limit) {
      this.pending = new ArrayDeque<>(items);
      this.task = task;
      this.limit = limit;
    }

    Future<Void> run() {
      startMore();
      return done.future();
    }

    private void startMore() {
      while (running < limit && !pending.isEmpty()) {
        running++;
        task.apply(pending.poll())
            .onComplete(
                finished -> {
                  running--;
                  startMore();
                });
      }
      if (running == 0 && pending.isEmpty()) {
        done.tryComplete();
      }
    }
  }
}
