package dev.metricsadapter.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settings of the demo HTTP service.
 *
 * @param bindAddress address to listen on
 * @param port TCP port, 0 for any free port
 * @param latency simulated work of {@code /}: every answer waits at least this long
 * @param latencyJitter extra random wait of {@code /}, uniform in [0, jitter)
 * @param errorRatio fraction of {@code /api/items} requests answered 500, in [0, 1]
 * @param shutdownGrace how long a graceful shutdown waits for requests in flight
 * @param containerMetrics the container name to export cAdvisor-like series of this process under
 *     ({@link ContainerMetrics}), or empty for none
 */
public record ServerConfig(
    String bindAddress,
    int port,
    Duration latency,
    Duration latencyJitter,
    double errorRatio,
    Duration shutdownGrace,
    Optional<String> containerMetrics) {

  /** Defaults: all interfaces, port 8080, no latency, no errors, 10 s grace. */
  public static final ServerConfig DEFAULTS =
      new ServerConfig(
          "0.0.0.0",
          8080,
          Duration.ZERO,
          Duration.ZERO,
          0,
          Duration.ofSeconds(10),
          Optional.empty());

  private static final Pattern CONTAINER_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** Validates every field; {@link IllegalArgumentException} names the offending one. */
  public ServerConfig {
    Require.nonNull(
        "bindAddress",
        bindAddress,
        "latency",
        latency,
        "latencyJitter",
        latencyJitter,
        "shutdownGrace",
        shutdownGrace,
        "containerMetrics",
        containerMetrics);
    if (containerMetrics.isPresent() && !CONTAINER_NAME.matcher(containerMetrics.get()).matches()) {
      throw new IllegalArgumentException(
          "--container-metrics must be a container name (a DNS label), got "
              + containerMetrics.get());
    }
    if (bindAddress.isBlank()) {
      throw new IllegalArgumentException("--bind-address must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be in 0..65535, got " + port);
    }
    if (latency.isNegative() || latency.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("--latency must be in 0..1m, got " + latency);
    }
    if (latencyJitter.isNegative() || latencyJitter.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("--latency-jitter must be in 0..1m, got " + latencyJitter);
    }
    if (!(errorRatio >= 0 && errorRatio <= 1)) {
      throw new IllegalArgumentException("--error-ratio must be in 0..1, got " + errorRatio);
    }
    if (shutdownGrace.isNegative() || shutdownGrace.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("--shutdown-grace must be in 0..5m, got " + shutdownGrace);
    }
  }

  /** A copy listening on {@code newPort}. */
  public ServerConfig withPort(int newPort) {
    return new ServerConfig(
        bindAddress, newPort, latency, latencyJitter, errorRatio, shutdownGrace, containerMetrics);
  }

  /** A copy with the given simulated latency (and jitter). */
  public ServerConfig withLatency(Duration newLatency, Duration newJitter) {
    return new ServerConfig(
        bindAddress, port, newLatency, newJitter, errorRatio, shutdownGrace, containerMetrics);
  }

  /** A copy with the given error ratio. */
  public ServerConfig withErrorRatio(double newRatio) {
    return new ServerConfig(
        bindAddress, port, latency, latencyJitter, newRatio, shutdownGrace, containerMetrics);
  }
}
