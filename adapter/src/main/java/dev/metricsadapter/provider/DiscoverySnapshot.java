package dev.metricsadapter.provider;

import dev.metricsadapter.catalog.ExternalCatalog;
import dev.metricsadapter.catalog.MetricCatalog;
import dev.metricsadapter.catalog.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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

  /** The series shapes of each query, as the rule engine takes them. */
  public Map<String, List<Series>> shapesByQuery() {
    return shapesOf(seriesByQuery);
  }

  static Map<String, List<Series>> shapesOf(Map<String, DiscoveredSeries> byQuery) {
    Map<String, List<Series>> shapes = new HashMap<>();
    byQuery.forEach((query, series) -> shapes.put(query, series.shapes()));
    return shapes;
  }
}
