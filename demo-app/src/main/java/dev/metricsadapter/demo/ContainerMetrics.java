package dev.metricsadapter.demo;

import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Objects;

/**
 * cAdvisor-like series for this process, for a demo where no kubelet reports containers: {@code
 * container_cpu_usage_seconds_total{container}} (the process' CPU time) and {@code
 * container_memory_working_set_bytes{container}} (the JVM's used heap and non-heap memory, what a
 * working set would mostly hold). With Prometheus adding the {@code namespace} and {@code pod}
 * target labels they feed {@code metrics.k8s.io} through the adapter's resourceRules. Where
 * cAdvisor is scraped they would double-count: never enable them there. Reads only in-process
 * counters (no I/O), so a scrape stays cheap on the event loop.
 */
final class ContainerMetrics extends Collector {

  private final String container;
  private final com.sun.management.OperatingSystemMXBean os;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  ContainerMetrics(String container) {
    this.container = Objects.requireNonNull(container, "container");
    this.os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  }

  @Override
  public List<MetricFamilySamples> collect() {
    CounterMetricFamily cpu =
        new CounterMetricFamily(
            "container_cpu_usage_seconds_total",
            "CPU time used by this process, as cAdvisor reports a container's.",
            List.of("container"));
    cpu.addMetric(List.of(container), os.getProcessCpuTime() / 1e9);
    GaugeMetricFamily workingSet =
        new GaugeMetricFamily(
            "container_memory_working_set_bytes",
            "Heap and non-heap memory this JVM uses, standing in for a container's working set.",
            List.of("container"));
    workingSet.addMetric(
        List.of(container),
        memory.getHeapMemoryUsage().getUsed() + memory.getNonHeapMemoryUsage().getUsed());
    return List.of(cpu, workingSet);
  }
}
