package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.client.CollectorRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerMetricsTest {

  @Test
  void exportsTheProcessCpuTimeAndMemoryUnderTheContainerName() {
    CollectorRegistry registry = new CollectorRegistry();
    new ContainerMetrics("demo-app").register(registry);
    String[] label = {"container"};
    String[] value = {"demo-app"};

    Double cpu = registry.getSampleValue("container_cpu_usage_seconds_total", label, value);
    Double memory = registry.getSampleValue("container_memory_working_set_bytes", label, value);

    assertTrue(cpu != null && cpu > 0, "this JVM has used CPU: " + cpu);
    assertTrue(memory != null && memory > 1024 * 1024, "and memory: " + memory);
    double later = registry.getSampleValue("container_cpu_usage_seconds_total", label, value);
    assertTrue(later >= cpu, "a counter");
  }

  @Test
  void theContainerNameMustBeADnsLabel() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ServerConfig(
                    "127.0.0.1",
                    0,
                    Duration.ZERO,
                    Duration.ZERO,
                    0,
                    Duration.ZERO,
                    Optional.of("Demo_App")));
    assertEquals(
        "--container-metrics must be a container name (a DNS label), got Demo_App", e.getMessage());
  }
}
