package dev.metricsadapter.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The demo's polling of the adapter: {@link #awaitValues} until every pod has a value, then {@link
 * #table} while the load runs. Readings come from {@code adapter}, lines go to {@code out}, and
 * time from a {@link Ticker}, so that tests need not wait. One thread at a time.
 */
final class AdapterWatch {

  /** Time in nanoseconds, and sleeping until a point of it. */
  interface Ticker {
    Ticker SYSTEM =
        new Ticker() {
          @Override
          public long nanos() {
            return System.nanoTime();
          }

          @Override
          public void sleepUntil(long nanos) throws InterruptedException {
            for (long left = nanos - nanos(); left > 0; left = nanos - nanos()) {
              TimeUnit.NANOSECONDS.sleep(left);
            }
          }
        };

    /** Now, on a clock like {@link System#nanoTime()}. */
    long nanos();

    /** Returns once {@link #nanos()} has reached {@code nanos}. */
    void sleepUntil(long nanos) throws InterruptedException;
  }

  private static final long POLL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Supplier<MetricReading> adapter;
  private final Ticker ticker;
  private final Consumer<String> out;

  AdapterWatch(Supplier<MetricReading> adapter, Ticker ticker, Consumer<String> out) {
    this.adapter = adapter;
    this.ticker = ticker;
    this.out = out;
  }

  /**
   * Reads the adapter every second until it has a value for each of {@code pods}, for at most
   * {@code within}; then prints one line, saying after how long, or which pods still have none and
   * the last reading. Returns whether every pod has a value.
   */
  boolean awaitValues(List<String> pods, Duration within) throws InterruptedException {
    long start = ticker.nanos();
    long deadline = start + within.toNanos();
    while (true) {
      MetricReading reading = adapter.get();
      List<String> missing = missing(pods, reading);
      long now = ticker.nanos();
      if (missing.isEmpty()) {
        out.accept(
            "The adapter serves a value for every pod ("
                + String.join(", ", pods)
                + ") after "
                + TimeUnit.NANOSECONDS.toSeconds(now - start)
                + "s.");
        return true;
      }
      if (now >= deadline) {
        out.accept(
            "No value for "
                + String.join(", ", missing)
                + " within "
                + Durations.format(within)
                + "; the adapter's last answer: "
                + describe(reading));
        return false;
      }
      ticker.sleepUntil(Math.min(now + POLL_NANOS, deadline));
    }
  }

  /**
   * Prints {@code format}'s line for a reading now, then one every {@code tick} for as long as
   * {@code running} is true when asked (before each tick's wait): the last line shows the state
   * after the run has ended. {@code t=} counts from the call; a tick that a slow reading missed is
   * skipped. {@code loadRps} gives the load generator's current target rate.
   */
  void table(
      TableFormat format, Supplier<OptionalDouble> loadRps, Duration tick, BooleanSupplier running)
      throws InterruptedException {
    long start = ticker.nanos();
    long tickNanos = tick.toNanos();
    print(format, loadRps, start);
    while (running.getAsBoolean()) {
      long ticks = (ticker.nanos() - start) / tickNanos + 1;
      ticker.sleepUntil(start + ticks * tickNanos);
      print(format, loadRps, start);
    }
  }

  private void print(TableFormat format, Supplier<OptionalDouble> loadRps, long start) {
    long seconds = TimeUnit.NANOSECONDS.toSeconds(ticker.nanos() - start);
    out.accept(format.line(seconds, loadRps.get(), adapter.get()));
  }

  private static List<String> missing(List<String> pods, MetricReading reading) {
    if (!(reading instanceof MetricReading.Values values)) {
      return pods;
    }
    return pods.stream().filter(pod -> !values.byPod().containsKey(pod)).toList();
  }

  private static String describe(MetricReading reading) {
    if (reading instanceof MetricReading.Failure failure) {
      return failure.message();
    }
    Map<String, Quantity> byPod = ((MetricReading.Values) reading).byPod();
    return byPod.isEmpty()
        ? "no values"
        : "values for " + String.join(", ", new TreeSet<>(byPod.keySet()));
  }
}
