package dev.metricsadapter.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;

class AdapterMetricsTest {

  private final CollectorRegistry registry = new CollectorRegistry();
  private final AdapterMetrics metrics = new AdapterMetrics(registry);

  private Double sample(String name, String... labels) {
    String[] names = labels.length == 0 ? new String[0] : new String[] {"outcome"};
    return registry.getSampleValue(name, names, labels);
  }

  @Test
  void theFirstLoadIsNoReload() {
    metrics.initialLoad(1_000);

    assertNull(sample("metrics_adapter_config_reloads_total", "success"));
    assertEquals(1.0, sample("metrics_adapter_config_last_reload_successful"));
    assertEquals(1_000.0, sample("metrics_adapter_config_last_reload_success_timestamp_seconds"));

    metrics.reload(false, 2_000);
    metrics.reload(true, 3_000);
    assertEquals(1.0, sample("metrics_adapter_config_reloads_total", "failure"));
    assertEquals(1.0, sample("metrics_adapter_config_reloads_total", "success"));
    assertEquals(3_000.0, sample("metrics_adapter_config_last_reload_success_timestamp_seconds"));
  }
}
