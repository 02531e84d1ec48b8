package dev.metricsadapter.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The lines of the demo's table, one per reading of the adapter:
 *
 * <pre>
 * t=15s  load=30 rps  demo-app-1=12.5 demo-app-2=9.8  avg=11.15/pod (target 10)  HPA wants 3 replicas
 * </pre>
 *
 * <p>A pod without a value shows {@code -} and is left out of the average (and a pod the adapter
 * lists but {@code pods} does not, entirely); without any value the line ends in {@code (no
 * values)}; a failed reading shows {@code adapter: MESSAGE} instead of the values. Columns are
 * separated by two spaces.
 *
 * @param pods the pods, in column order
 * @param rule the HPA whose recommendation ends the line
 * @param currentReplicas the replicas that HPA's target has now; at least 1
 */
public record TableFormat(List<String> pods, HpaRule rule, int currentReplicas) {

  /** Validates every field; {@link IllegalArgumentException} names the offending flag. */
  public TableFormat {
    pods = List.copyOf(pods);
    Objects.requireNonNull(rule, "rule");
    if (currentReplicas < 1) {
      throw new IllegalArgumentException("--replicas must be at least 1, got " + currentReplicas);
    }
  }

  /**
   * The line for {@code reading}, taken {@code seconds} after the table's start while the load
   * generator's target rate was {@code loadRps} (empty: not known yet, shown as {@code -}).
   */
  public String line(long seconds, OptionalDouble loadRps, MetricReading reading) {
    List<String> columns = new ArrayList<>();
    columns.add("t=" + seconds + "s");
    columns.add(
        "load="
            + (loadRps.isPresent()
                ? String.format(Locale.ROOT, "%.0f", loadRps.getAsDouble())
                : "-")
            + " rps");
    if (reading instanceof MetricReading.Failure failure) {
      columns.add("adapter: " + failure.message());
      return String.join("  ", columns);
    }
    Map<String, Quantity> byPod = ((MetricReading.Values) reading).byPod();
    columns.add(
        pods.stream()
            .map(pod -> pod + "=" + (byPod.containsKey(pod) ? decimal(byPod.get(pod)) : "-"))
            .collect(Collectors.joining(" ")));
    List<Quantity> values = pods.stream().map(byPod::get).filter(Objects::nonNull).toList();
    if (values.isEmpty()) {
      columns.add("(no values)");
    } else {
      HpaRule.Recommendation wanted = rule.recommend(currentReplicas, values);
      columns.add(
          String.format(
              Locale.ROOT, "avg=%.2f/pod (target %s)", wanted.averagePerPod(), rule.target()));
      columns.add(
          "HPA wants " + wanted.replicas() + (wanted.replicas() == 1 ? " replica" : " replicas"));
    }
    return String.join("  ", columns);
  }

  private static String decimal(Quantity value) {
    return String.format(Locale.ROOT, "%.1f", value.doubleValue());
  }
}
