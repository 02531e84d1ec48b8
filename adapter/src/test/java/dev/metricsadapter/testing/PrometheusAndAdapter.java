package dev.metricsadapter.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@link AdapterUnderTest} stack started by hand, in a directory the test owns, for ITs that
 * have not moved to the extension yet. Close it to stop both.
 *
 * @param prometheus the Prometheus
 * @param adapter the adapter
 */
public record PrometheusAndAdapter(RealPrometheus prometheus, AdapterProcess adapter)
    implements AutoCloseable {

  /** {@link AdapterUnderTest#RULES}. */
  public static final Path RULES = AdapterUnderTest.RULES;

  /**
   * Starts a real Prometheus backfilled with {@link DemoData} and the adapter with {@code rules}
   * and {@code flags} in front of it, as {@code AdapterUnderTest.withRules(rules).flags(flags)}
   * does; a failed start closes what it started.
   */
  public static PrometheusAndAdapter start(Path dir, Path rules, List<String> flags)
      throws IOException {
    AdapterUnderTest stack = AdapterUnderTest.withRules(rules).flags(flags.toArray(String[]::new));
    try {
      stack.start(dir);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // Only late flags throw other checked exceptions, and this stack has none.
      throw new IllegalStateException(e);
    }
    return new PrometheusAndAdapter(stack.prometheus(), stack.adapter());
  }

  @Override
  public void close() {
    adapter.close();
    prometheus.close();
  }
}
