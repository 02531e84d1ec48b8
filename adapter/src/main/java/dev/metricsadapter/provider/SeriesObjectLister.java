package dev.metricsadapter.provider;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.metricsadapter.kube.ObjectLister;
import dev.metricsadapter.prometheus.SeriesListing;
import dev.metricsadapter.prometheus.StaleFallback;
import dev.metricsadapter.query.LabelMatcher;
import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.query.SelectorMatchers;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.KubernetesNames;
import dev.metricsadapter.resources.ResourceInfo;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standalone mode's {@link ObjectLister}: with no Kubernetes connection, the objects of a wildcard
 * request are the distinct values of the resource's label among the metric's series in the
 * namespace that had samples within {@code maxAge}, and the label selector selects those series by
 * their labels. Asks Prometheus ({@code /api/v1/series}) for exactly those series and keeps only
 * the names; an answer is reused for {@code ttl} (identical listings in flight share one call, and
 * a failure is never reused), as the Kubernetes lister reuses its lists. A selector key that is not
 * a Prometheus label name is a 400. Label values that cannot name a Kubernetes object ({@link
 * KubernetesNames}) are left out and counted. With a {@link StaleFallback} ({@code
 * --serve-stale-for}), a listing that fails because Prometheus is down is answered with the last
 * good one within its bound. Thread-safe; never blocks; callers get their answers on their own
 * Vert.x context.
 */
public final class SeriesObjectLister implements ObjectLister {

  private static final Logger LOG = LoggerFactory.getLogger(SeriesObjectLister.class);

  /** The bound on cached listings. */
  static final int MAX_ENTRIES = 10_000;

  private final Vertx vertx;
  private final SeriesListing prometheus;
  private final Duration maxAge;
  private final Clock clock;
  private final AsyncCache<String, List<String>> listings;
  private final Optional<StaleFallback<List<String>>> stale;
  private final LongConsumer invalidNames;

  /**
   * @param maxAge how far back series count, as for discovery
   * @param ttl how long a listing is reused; zero shares only listings in flight
   */
  public SeriesObjectLister(
      Vertx vertx, SeriesListing prometheus, Duration maxAge, Duration ttl, Clock clock) {
    this(vertx, prometheus, maxAge, ttl, clock, Optional.empty(), count -> {});
  }

  /**
   * As above, answering outages with earlier listings through {@code stale}, and telling {@code
   * invalidNames} how many label values of a listing were left out as no Kubernetes name.
   */
  public SeriesObjectLister(
      Vertx vertx,
      SeriesListing prometheus,
      Duration maxAge,
      Duration ttl,
      Clock clock,
      Optional<StaleFallback<List<String>>> stale,
      LongConsumer invalidNames) {
    this.stale = stale;
    this.invalidNames = invalidNames;
    this.vertx = vertx;
    this.prometheus = prometheus;
    this.maxAge = maxAge;
    this.clock = clock;
    this.listings =
        Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ENTRIES).buildAsync();
  }

  @Override
  public Future<List<String>> names(
      ResourceInfo resource, String namespace, LabelSelector selector, MetricSource metric) {
    if (namespace != null && metric.namespaceLabel() == null) {
      return Future.succeededFuture(List.of());
    }
    String match;
    try {
      match = match(namespace, selector, metric);
    } catch (RuntimeException invalid) {
      return Future.failedFuture(invalid);
    }
    Context caller = vertx.getOrCreateContext();
    Future<List<String>> listed =
        Future.fromCompletionStage(
            listings.get(
                match,
                (key, executor) ->
                    list(key, resource.groupResource(), metric.resourceLabel())
                        .toCompletionStage()
                        .toCompletableFuture()),
            caller);
    return stale.map(fallback -> fallback.apply(match, listed)).orElse(listed);
  }

  private Future<List<String>> list(String match, GroupResource resource, String resourceLabel) {
    TreeSet<String> names = new TreeSet<>();
    TreeSet<String> invalid = new TreeSet<>();
    return prometheus
        .series(
            match,
            clock.instant().minus(maxAge),
            labels -> {
              String name = labels.get(resourceLabel);
              if (name == null || name.isEmpty()) {
                return;
              }
              (KubernetesNames.isName(resource, name) ? names : invalid).add(name);
            })
        .map(
            done -> {
              if (!invalid.isEmpty()) {
                LOG.debug(
                    "left out {} values of {} that cannot name {}: {}",
                    invalid.size(),
                    resourceLabel,
                    resource,
                    invalid.stream().limit(5).toList());
                invalidNames.accept(invalid.size());
              }
              return List.copyOf(names);
            });
  }

  /**
   * The series selector: the series name, the namespace, the selector's matchers and a non-empty
   * resource label, every value quoted.
   *
   * @throws dev.metricsadapter.query.SelectorException for a selector PromQL cannot express
   */
  static String match(String namespace, LabelSelector selector, MetricSource metric) {
    List<LabelMatcher> matchers = new ArrayList<>();
    matchers.add(new LabelMatcher("__name__", LabelMatcher.Operator.EQUAL, metric.seriesName()));
    if (namespace != null) {
      matchers.add(
          new LabelMatcher(metric.namespaceLabel(), LabelMatcher.Operator.EQUAL, namespace));
    }
    matchers.addAll(SelectorMatchers.of(selector));
    matchers.add(new LabelMatcher(metric.resourceLabel(), LabelMatcher.Operator.NOT_EQUAL, ""));
    return matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(",", "{", "}"));
  }
}
