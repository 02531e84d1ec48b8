package dev.metricsadapter.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@link ProcessKubelet} runs and where. Immutable; the constructor fails with {@link
 * IllegalArgumentException} on a blank namespace or a non-positive timeout.
 *
 * @param namespace the namespace whose pods it runs
 * @param selector a label selector (as for {@code kubectl -l}) choosing those pods; empty: all
 * @param command the command for each pod
 * @param fileSdDir where the Prometheus file_sd target files go (created if missing)
 * @param logDir where each process's stdout and stderr go, as {@code <namespace>_<pod>.log}; empty:
 *     inherited from this JVM
 * @param readyTimeout how long a process may take until {@code /healthz} answers 200
 * @param stopTimeout how long a process may take to exit after SIGTERM before it gets SIGKILL
 */
public record KubeletOptions(
    String namespace,
    String selector,
    CommandTemplate command,
    Path fileSdDir,
    Optional<Path> logDir,
    Duration readyTimeout,
    Duration stopTimeout) {

  /** Default of {@link #readyTimeout}: a JVM starting on a busy 2-core machine. */
  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

  /** Default of {@link #stopTimeout}. */
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

  public KubeletOptions {
    Require.nonNull(
        "namespace",
        namespace,
        "selector",
        selector,
        "command",
        command,
        "fileSdDir",
        fileSdDir,
        "logDir",
        logDir);
    if (namespace.isBlank()) {
      throw new IllegalArgumentException("the namespace is blank");
    }
    if (readyTimeout.isNegative() || readyTimeout.isZero()) {
      throw new IllegalArgumentException("the ready timeout must be positive: " + readyTimeout);
    }
    if (stopTimeout.isNegative() || stopTimeout.isZero()) {
      throw new IllegalArgumentException("the stop timeout must be positive: " + stopTimeout);
    }
  }

  /** Options with the default timeouts and process output inherited. */
  public static KubeletOptions of(
      String namespace, String selector, CommandTemplate command, Path fileSdDir) {
    return new KubeletOptions(
        namespace,
        selector,
        command,
        fileSdDir,
        Optional.empty(),
        DEFAULT_READY_TIMEOUT,
        DEFAULT_STOP_TIMEOUT);
  }

  /** These options with process output going to files in {@code dir}. */
  public KubeletOptions withLogDir(Path dir) {
    return new KubeletOptions(
        namespace, selector, command, fileSdDir, Optional.of(dir), readyTimeout, stopTimeout);
  }

  /** These options with other timeouts. */
  public KubeletOptions withTimeouts(Duration ready, Duration stop) {
    return new KubeletOptions(namespace, selector, command, fileSdDir, logDir, ready, stop);
  }
}
