package dev.metricsadapter.demo;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What the load generator does: GET {@code path} on each target in turn, at the rate {@code
 * profile} plans for a run of {@code duration} peaking at {@code peakRps}.
 *
 * @param targets base URLs ({@code http://127.0.0.1:8081}); only these are ever contacted
 *     (redirects are not followed)
 * @param path request path, starting with {@code /}
 * @param profile shape of the rate over time
 * @param peakRps highest rate, requests per second, in (0, 10000]
 * @param duration length of the run, in (0, 24h]
 * @param timeout deadline of every request, in (0, 1m]
 * @param reportInterval time between one-line progress reports
 * @param maxRequests hard cap on requests sent in the run
 * @param maxInFlight requests allowed in flight at once; a planned request beyond it is dropped
 *     (counted) rather than queued, so a slow target does not cause bursts later
 */
public record LoadOptions(
    List<URI> targets,
    String path,
    LoadProfile profile,
    double peakRps,
    Duration duration,
    Duration timeout,
    Duration reportInterval,
    long maxRequests,
    int maxInFlight) {

  /** Validates every field; {@link IllegalArgumentException} names the offending flag. */
  public LoadOptions {
    Require.nonNull(
        "targets",
        targets,
        "path",
        path,
        "profile",
        profile,
        "duration",
        duration,
        "timeout",
        timeout,
        "reportInterval",
        reportInterval);
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("--target: at least one target is needed");
    }
    for (URI target : targets) {
      if (!("http".equals(target.getScheme()) || "https".equals(target.getScheme()))
          || target.getHost() == null
          || target.getUserInfo() != null
          || target.getQuery() != null
          || target.getFragment() != null
          || !(target.getPath() == null
              || target.getPath().isEmpty()
              || "/".equals(target.getPath()))) {
        throw new IllegalArgumentException(
            "--target: '" + target + "' is not a base URL like http://127.0.0.1:8080");
      }
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("--path must start with /, got '" + path + "'");
    }
    if (!(peakRps > 0 && peakRps <= 10_000)) {
      throw new IllegalArgumentException("--peak-rps must be in (0, 10000], got " + peakRps);
    }
    if (duration.isNegative()
        || duration.isZero()
        || duration.compareTo(Duration.ofHours(24)) > 0) {
      throw new IllegalArgumentException("--duration must be in (0, 24h], got " + duration);
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("--timeout must be in (0, 1m], got " + timeout);
    }
    if (reportInterval.toMillis() < 100) {
      throw new IllegalArgumentException(
          "--report-interval must be at least 100ms, got " + reportInterval);
    }
    if (maxRequests <= 0) {
      throw new IllegalArgumentException("--max-requests must be positive, got " + maxRequests);
    }
    if (maxInFlight <= 0 || maxInFlight > 10_000) {
      throw new IllegalArgumentException("--max-in-flight must be in 1..10000, got " + maxInFlight);
    }
  }

  /** Run length in seconds. */
  public double durationSeconds() {
    return duration.toNanos() / 1e9;
  }

  /** Requests planned for the whole run (before the {@code maxRequests} cap). */
  public long plannedTotal() {
    return Math.round(profile.plannedCount(durationSeconds(), durationSeconds(), peakRps));
  }
}
