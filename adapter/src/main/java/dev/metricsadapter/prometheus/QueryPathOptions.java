package dev.metricsadapter.prometheus;

import java.time.Duration;

/**
 * How queries reach Prometheus ({@link QueryPath}).
 *
 * @param cacheTtl how long a result answers identical queries again; zero: coalescing only
 * @param maxConcurrent queries running at once, at least 1
 * @param maxWait how long a query waits for a free slot
 * @param serveStaleFor how old a result may be to stand in for a failed query; zero: never
 */
public record QueryPathOptions(
    Duration cacheTtl, int maxConcurrent, Duration maxWait, Duration serveStaleFor) {

  /** The defaults of {@code serve}'s flags. */
  public static final QueryPathOptions DEFAULTS =
      new QueryPathOptions(Duration.ofSeconds(3), 32, Duration.ofSeconds(1), Duration.ZERO);
}
