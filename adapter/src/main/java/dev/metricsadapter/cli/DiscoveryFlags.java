package dev.metricsadapter.cli;

import dev.metricsadapter.provider.DiscoveryOptions;
import dev.metricsadapter.rules.GoDuration;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The discovery flags, shared by every command that lists series: how often, how far back, and
 * under which deadline. A picocli mixin.
 */
public final class DiscoveryFlags {

  @Option(
      names = "--metrics-relist-interval",
      paramLabel = "DURATION",
      defaultValue = "1m",
      description = "How often series are rediscovered; also the default of the next two flags.")
  private Duration relistInterval;

  @Option(
      names = "--metrics-max-age",
      paramLabel = "DURATION",
      description =
          "How far back discovery looks for series (default: the relist interval; when serving,"
              + " not less).")
  private Duration maxAge;

  @Option(
      names = "--discovery-timeout",
      paramLabel = "DURATION",
      description =
          "Deadline of each discovery /api/v1/series call (default: the relist interval); a"
              + " large Prometheus needs longer to list its series than to answer a query.")
  private Duration timeout;

  /**
   * The validated options of a periodic discovery ({@code serve}): the max age must cover the
   * relist interval, or series would be missed between two discoveries.
   *
   * @throws FlagException naming the flag that cannot be used
   */
  DiscoveryOptions periodic() {
    DiscoveryOptions options = oneShot();
    if (options.maxAge().compareTo(relistInterval) < 0) {
      throw new FlagException(
          "--metrics-max-age ("
              + GoDuration.format(options.maxAge())
              + ") must not be less than --metrics-relist-interval ("
              + GoDuration.format(relistInterval)
              + ")");
    }
    return options;
  }

  /**
   * The validated options of one discovery ({@code check}, {@code explain}).
   *
   * @throws FlagException naming the flag that cannot be used
   */
  DiscoveryOptions oneShot() {
    if (relistInterval.isZero()) {
      throw new FlagException("--metrics-relist-interval must be greater than zero");
    }
    Duration age = maxAge == null ? relistInterval : maxAge;
    if (age.isZero()) {
      throw new FlagException("--metrics-max-age must be greater than zero");
    }
    Duration deadline = timeout == null ? relistInterval : timeout;
    if (deadline.isZero()) {
      throw new FlagException("--discovery-timeout must be greater than zero");
    }
    return new DiscoveryOptions(relistInterval, age, deadline);
  }
}
