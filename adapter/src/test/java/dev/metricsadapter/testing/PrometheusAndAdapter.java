package dev.metricsadapter.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The usual integration-test stack: a real Prometheus backfilled with {@link DemoData} around now,
 * and the adapter jar in front of it with the given rules. Close it to stop both.
 *
 * @param prometheus the Prometheus
 * @param adapter the adapter
 */
public record PrometheusAndAdapter(RealPrometheus prometheus, AdapterProcess adapter)
    implements AutoCloseable {

  /** The repository's {@code rules/} directory (tests run in {@code adapter/}). */
  public static final Path RULES = Path.of("..", "rules").toAbsolutePath();

  /**
   * Starts both. The adapter gets {@code --config=rules}, {@code --prometheus-url} (unless {@code
   * flags} name one) and {@code --kubeconfig=none} (unless {@code flags} name one), then {@code
   * flags}.
   */
  public static PrometheusAndAdapter start(Path dir, Path rules, List<String> flags)
      throws IOException {
    RealPrometheus prometheus = RealPrometheus.start(dir, DemoData.openMetrics(Instant.now()));
    try {
      List<String> all = new ArrayList<>(List.of("--config=" + rules));
      if (flags.stream().noneMatch(f -> f.startsWith("--prometheus-url"))) {
        all.add("--prometheus-url=" + prometheus.url());
      }
      if (flags.stream().noneMatch(f -> f.startsWith("--kubeconfig"))) {
        all.add("--kubeconfig=none");
      }
      all.addAll(flags);
      return new PrometheusAndAdapter(prometheus, AdapterProcess.start(dir, all));
    } catch (IOException | RuntimeException e) {
      prometheus.close();
      throw e;
    }
  }

  @Override
  public void close() {
    adapter.close();
    prometheus.close();
  }
}
