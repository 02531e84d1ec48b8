package dev.metricsadapter.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * What {@code demo-app watch} shows: a line of {@code table} every {@code tick}.
 *
 * @param source where the values are read
 * @param table the lines' format, for the pods of {@code source}
 * @param tick the time between lines, at least 100ms
 * @param loadLog the load generator's output file, read for its current target rate
 * @param untilPid the process (the load generator) after whose exit the table ends; empty: it runs
 *     until stopped (either way, it also ends once its output is closed)
 */
public record WatchOptions(
    AdapterSource source, TableFormat table, Duration tick, Path loadLog, OptionalLong untilPid) {

  /** Validates every field; {@link IllegalArgumentException} names the offending flag. */
  public WatchOptions {
    Require.nonNull("source", source, "table", table, "loadLog", loadLog, "untilPid", untilPid);
    if (!table.pods().equals(source.pods())) {
      throw new IllegalArgumentException("the table's pods are not those of the source");
    }
    if (untilPid.isPresent() && untilPid.getAsLong() <= 0) {
      throw new IllegalArgumentException(
          "--until-pid must be positive, got " + untilPid.getAsLong());
    }
    if (tick.toMillis() < 100) {
      throw new IllegalArgumentException("--tick must be at least 100ms, got " + tick);
    }
  }
}
