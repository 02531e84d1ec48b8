package dev.metricsadapter.provider;

import dev.metricsadapter.naming.ExternalCatalog;
import dev.metricsadapter.naming.MetricCatalog;
import dev.metricsadapter.naming.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One completed discovery: the servable metrics and the series they came from. Immutable; a new
 * discovery publishes a new snapshot.
 *
 * @param catalog the servable custom metrics
 * @param external the servable external metrics
 * @param seriesByQuery the series each distinct seriesQuery returned (the last good answer for a
 *     query that failed this time)
 * @param seriesByName the same series indexed by series name
 * @param completedAt when the discovery finished; {@link Instant#EPOCH} before the first
 * @param took how long the discovery took
 * @param failingQueries how many seriesQueries failed (and kept their previous series)
 */
public record DiscoverySnapshot(
    MetricCatalog catalog,
    ExternalCatalog external,
    Map<String, List<Series>> seriesByQuery,
    Map<String, List<Series>> seriesByName,
    Instant completedAt,
    Duration took,
    int failingQueries) {

  /** The snapshot before any discovery. */
  public static final DiscoverySnapshot EMPTY =
      new DiscoverySnapshot(
          MetricCatalog.EMPTY,
          ExternalCatalog.EMPTY,
          Map.of(),
          Map.of(),
          Instant.EPOCH,
          Duration.ZERO,
          0);

  public DiscoverySnapshot {
    seriesByQuery = Map.copyOf(seriesByQuery);
    seriesByName = Map.copyOf(seriesByName);
  }
}
