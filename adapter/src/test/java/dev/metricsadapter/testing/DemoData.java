package dev.metricsadapter.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;

/**
 * OpenMetrics text for backfilling: samples every 15 s from one hour before to one hour after
 * {@code now}, so that rates at "now" are exact and stable for the whole test run. Counters grow
 * linearly from 0 at the per-second rate {@link Series#counter} gives; gauges stay at one value.
 */
public final class DemoData {

  private static final String WEB_1 = "namespace=\"demo\",pod=\"web-1\",container=\"app\"";
  private static final String NODE_1 = "node=\"node-1\"";

  private static final List<Family> FAMILIES =
      List.of(
          new Family(
              "http_requests",
              "counter",
              Series.counter(requestLabels("web-1", "web", "200"), 2.0),
              Series.counter(requestLabels("web-2", "web", "200"), 0.5),
              Series.counter(requestLabels("api-1", "api", "200"), 1.0),
              Series.counter(requestLabels("api-1", "api", "500"), 0.25)),
          new Family("container_cpu_usage_seconds", "counter", Series.counter(WEB_1, 0.25)), // 250m
          new Family(
              "container_memory_working_set_bytes",
              "gauge",
              Series.gauge(WEB_1, "1572864")), // 1536Ki
          new Family(
              "node_cpu_seconds",
              "counter",
              Series.counter("node=\"node-1\",cpu=\"0\",mode=\"user\"", 1.5), // 1.5 cores busy
              Series.counter("node=\"node-1\",cpu=\"0\",mode=\"idle\"", 0.5)),
          new Family(
              "node_memory_MemTotal_bytes", "gauge", Series.gauge(NODE_1, "8589934592")), // 8Gi
          new Family(
              "node_memory_MemAvailable_bytes",
              "gauge",
              Series.gauge(NODE_1, "4294967296")), // 4Gi free
          new Family(
              "node_temperature_celsius",
              "gauge",
              Series.gauge("namespace=\"monitoring\",node=\"node-1\"", "42.5")));

  private DemoData() {}

  /** The samples around {@code now}. */
  public static String openMetrics(Instant now) {
    long start = now.minus(Duration.ofHours(1)).getEpochSecond();
    long end = now.plus(Duration.ofHours(1)).getEpochSecond();
    StringBuilder out = new StringBuilder();
    for (Family family : FAMILIES) {
      family.appendTo(out, start, end);
    }
    return out.append("# EOF\n").toString();
  }

  /** One series: its labels and its value a number of seconds after the start. */
  private record Series(String labels, LongFunction<String> valueAfter) {

    static Series counter(String labels, double perSecond) {
      return new Series(labels, elapsed -> Double.toString(elapsed * perSecond));
    }

    static Series gauge(String labels, String value) {
      return new Series(labels, elapsed -> value);
    }
  }

  /** A metric family; the samples of a counter are named {@code NAME_total}. */
  private record Family(String name, String type, List<Series> series) {

    Family(String name, String type, Series... series) {
      this(name, type, List.of(series));
    }

    /** The {@code # TYPE} line, then every 15 s from {@code start} to {@code end} each series. */
    void appendTo(StringBuilder out, long start, long end) {
      String sample = type.equals("counter") ? name + "_total" : name;
      out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
      for (long t = start; t <= end; t += 15) {
        for (Series one : series) {
          out.append(sample)
              .append('{')
              .append(one.labels())
              .append("} ")
              .append(one.valueAfter().apply(t - start))
              .append(' ')
              .append(t)
              .append('\n');
        }
      }
    }
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
}
