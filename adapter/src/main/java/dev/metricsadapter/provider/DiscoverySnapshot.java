package dev.metricsadapter.provider;

import dev.metricsadapter.catalog.ExternalCatalog;
import dev.metricsadapter.catalog.MetricCatalog;
import dev.metricsadapter.catalog.RuleSeries;
import dev.metricsadapter.rules.CompiledRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One completed discovery: the servable metrics and the series shapes they came from. Immutable; a
 * new discovery publishes a new snapshot.
 *
 * @param catalog the servable custom metrics
 * @param external the servable external metrics
 * @param seriesByQuery what each distinct seriesQuery returned (the last good answer for a query
 *     that failed this time)
 * @param completedAt when the discovery finished; {@link Instant#EPOCH} before the first
 * @param took how long the discovery took
 * @param failures why each seriesQuery that failed this time failed (it kept its previous series)
 */
public record DiscoverySnapshot(
    MetricCatalog catalog,
    ExternalCatalog external,
    Map<String, DiscoveredSeries> seriesByQuery,
    Instant completedAt,
    Duration took,
    Map<String, QueryFailure> failures) {

  /** The snapshot before any discovery. */
  public static final DiscoverySnapshot EMPTY =
      new DiscoverySnapshot(
          MetricCatalog.EMPTY,
          ExternalCatalog.EMPTY,
          Map.of(),
          Instant.EPOCH,
          Duration.ZERO,
          Map.of());

  public DiscoverySnapshot {
    seriesByQuery = Map.copyOf(seriesByQuery);
    failures = Map.copyOf(failures);
  }

  /** How many seriesQueries failed this time. */
  public int failingQueries() {
    return failures.size();
  }

  /**
   * The series of each of {@code rules}, as the rule engine takes them: the shapes its seriesQuery
   * found, each counting the series that had it.
   */
  public List<RuleSeries> seriesOf(List<CompiledRule> rules) {
    return seriesOf(rules, seriesByQuery);
  }

  /** As {@link #seriesOf(List)}, from the answer of each seriesQuery; none for a query without. */
  static List<RuleSeries> seriesOf(
      List<CompiledRule> rules, Map<String, DiscoveredSeries> byQuery) {
    List<RuleSeries> paired = new ArrayList<>();
    for (CompiledRule rule : rules) {
      paired.add(byQuery.getOrDefault(rule.seriesQuery(), DiscoveredSeries.NONE).of(rule));
    }
    return paired;
  }
}
