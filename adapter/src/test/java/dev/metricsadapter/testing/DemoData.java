package dev.metricsadapter.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * OpenMetrics text for backfilling: samples every 15 s from one hour before to one hour after
 * {@code now}, so that rates at "now" are exact and stable for the whole test run. Counters grow
 * linearly; the comments give the per-second rate a test can expect.
 */
public final class DemoData {

  private DemoData() {}

  /** The samples around {@code now}. */
  public static String openMetrics(Instant now) {
    long start = now.minus(Duration.ofHours(1)).getEpochSecond();
    long end = now.plus(Duration.ofHours(1)).getEpochSecond();
    StringBuilder out = new StringBuilder();
    out.append("# TYPE http_requests counter\n");
    for (long t = start; t <= end; t += 15) {
      long elapsed = t - start;
      counter(
          out,
          "http_requests_total",
          requestLabels("web-1", "web", "200"),
          elapsed * 2.0,
          t); // 2/s
      counter(
          out,
          "http_requests_total",
          requestLabels("web-2", "web", "200"),
          elapsed * 0.5,
          t); // 0.5/s
      counter(
          out,
          "http_requests_total",
          requestLabels("api-1", "api", "200"),
          elapsed * 1.0,
          t); // 1/s
      counter(
          out,
          "http_requests_total",
          requestLabels("api-1", "api", "500"),
          elapsed * 0.25,
          t); // 0.25/s
    }
    out.append("# TYPE container_cpu_usage_seconds counter\n");
    for (long t = start; t <= end; t += 15) {
      counter(
          out,
          "container_cpu_usage_seconds_total",
          "namespace=\"demo\",pod=\"web-1\",container=\"app\"",
          (t - start) * 0.25, // 0.25 cores
          t);
    }
    out.append("# TYPE container_memory_working_set_bytes gauge\n");
    for (long t = start; t <= end; t += 15) {
      gauge(
          out,
          "container_memory_working_set_bytes",
          "namespace=\"demo\",pod=\"web-1\",container=\"app\"",
          "1572864",
          t); // 1536Ki
    }
    out.append("# TYPE node_cpu_seconds counter\n");
    for (long t = start; t <= end; t += 15) {
      counter(
          out,
          "node_cpu_seconds_total",
          "node=\"node-1\",cpu=\"0\",mode=\"user\"",
          (t - start) * 1.5,
          t); // 1.5 cores busy
      counter(
          out,
          "node_cpu_seconds_total",
          "node=\"node-1\",cpu=\"0\",mode=\"idle\"",
          (t - start) * 0.5,
          t);
    }
    out.append("# TYPE node_memory_MemTotal_bytes gauge\n");
    for (long t = start; t <= end; t += 15) {
      gauge(out, "node_memory_MemTotal_bytes", "node=\"node-1\"", "8589934592", t); // 8Gi
    }
    out.append("# TYPE node_memory_MemAvailable_bytes gauge\n");
    for (long t = start; t <= end; t += 15) {
      gauge(out, "node_memory_MemAvailable_bytes", "node=\"node-1\"", "4294967296", t); // 4Gi free
    }
    out.append("# TYPE node_temperature_celsius gauge\n");
    for (long t = start; t <= end; t += 15) {
      gauge(out, "node_temperature_celsius", "namespace=\"monitoring\",node=\"node-1\"", "42.5", t);
    }
    return out.append("# EOF\n").toString();
  }

  private static String requestLabels(String pod, String app, String code) {
    return "namespace=\"demo\",pod=\""
        + pod
        + "\",service=\"demo-app\",app=\""
        + app
        + "\",code=\""
        + code
        + "\"";
  }

  private static void gauge(
      StringBuilder out, String name, String labels, String value, long time) {
    out.append(name)
        .append('{')
        .append(labels)
        .append("} ")
        .append(value)
        .append(' ')
        .append(time)
        .append('\n');
  }

  private static void counter(
      StringBuilder out, String name, String labels, double value, long time) {
    out.append(name)
        .append('{')
        .append(labels)
        .append("} ")
        .append(value)
        .append(' ')
        .append(time)
        .append('\n');
  }
}
