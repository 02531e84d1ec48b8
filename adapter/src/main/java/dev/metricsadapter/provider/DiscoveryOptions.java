package dev.metricsadapter.provider;

import java.time.Duration;

/**
 * How series are discovered.
 *
 * @param relistInterval how often discovery runs
 * @param maxAge how far back discovery looks for series
 * @param timeout the deadline of each {@code /api/v1/series} call; a large Prometheus needs longer
 *     to list its series than to answer a query
 */
public record DiscoveryOptions(Duration relistInterval, Duration maxAge, Duration timeout) {

  /** Series listings discovery runs at once, over as many connections of its own. */
  public static final int MAX_CONCURRENT_QUERIES = 8;
}
