package dev.metricsadapter.demo;

import java.util.Map;

/** One answer of the adapter to a Pods metric request: the pods' values, or why there are none. */
public sealed interface MetricReading {

  /** The values the adapter listed, by pod name (unordered; a pod without a value is absent). */
  record Values(Map<String, Quantity> byPod) implements MetricReading {
    public Values {
      byPod = Map.copyOf(byPod);
    }
  }

  /** No values: the adapter's error, a transport failure or an answer that cannot be read. */
  record Failure(String message) implements MetricReading {}
}
