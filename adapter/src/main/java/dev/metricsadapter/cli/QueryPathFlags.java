package dev.metricsadapter.cli;

import dev.metricsadapter.prometheus.QueryPathOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The query-path flags of {@code serve}: cache, concurrency bound, stale answers. A mixin. */
public final class QueryPathFlags {

  @Option(
      names = "--cache-ttl",
      paramLabel = "DURATION",
      defaultValue = "3s",
      description =
          "How long a query result answers identical requests again (0: identical concurrent"
              + " requests still share one query).")
  private Duration cacheTtl;

  @Option(
      names = "--max-concurrent-queries",
      paramLabel = "N",
      defaultValue = "32",
      description = "Queries sent to Prometheus at once; as many more wait, then 503.")
  private int maxConcurrent;

  @Option(
      names = "--max-query-wait",
      paramLabel = "DURATION",
      defaultValue = "1s",
      description = "How long a query waits for a free slot before a 503 with Retry-After.")
  private Duration maxWait;

  @Option(
      names = "--serve-stale-for",
      paramLabel = "DURATION",
      defaultValue = "0s",
      description =
          "While Prometheus fails, answer with the last good result younger than this (0: off).")
  private Duration serveStaleFor;

  /**
   * The validated query-path options.
   *
   * @throws FlagException naming the flag that cannot be used
   */
  QueryPathOptions options() {
    if (cacheTtl.isNegative() || serveStaleFor.isNegative()) {
      throw new FlagException("--cache-ttl and --serve-stale-for must not be negative");
    }
    if (maxConcurrent < 1) {
      throw new FlagException("--max-concurrent-queries must be at least 1, not " + maxConcurrent);
    }
    if (maxWait.isNegative()) {
      throw new FlagException("--max-query-wait must not be negative");
    }
    return new QueryPathOptions(cacheTtl, maxConcurrent, maxWait, serveStaleFor);
  }
}
