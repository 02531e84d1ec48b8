package dev.metricsadapter.demo;

import java.time.Duration;

/**
 * What {@code demo-app await-values} waits for: a value of every pod of {@code source}.
 *
 * @param source where the values are read
 * @param within how long to wait at most; positive
 */
public record AwaitOptions(AdapterSource source, Duration within) {

  /** Validates every field; {@link IllegalArgumentException} names the offending flag. */
  public AwaitOptions {
    Require.nonNull("source", source, "within", within);
    if (within.isNegative() || within.isZero()) {
      throw new IllegalArgumentException("--within must be positive, got " + within);
    }
  }
}
