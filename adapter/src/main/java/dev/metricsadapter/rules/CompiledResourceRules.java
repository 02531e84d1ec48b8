package dev.metricsadapter.rules;

import dev.metricsadapter.query.MetricsQuery;
import java.time.Duration;

/**
 * Compiled {@code resourceRules}.
 *
 * @param cpu CPU usage queries
 * @param memory memory usage queries
 * @param window the window reported with each value
 */
public record CompiledResourceRules(Rule cpu, Rule memory, Duration window) {

  /**
   * Compiled queries for one resource (CPU or memory).
   *
   * @param origin where the rule was written
   * @param containerQuery per-container query for pods
   * @param nodeQuery per-node query
   * @param resources label to resource mapping (pods, namespaces, nodes)
   * @param containerLabel label holding container names
   */
  public record Rule(
      RuleOrigin origin,
      MetricsQuery containerQuery,
      MetricsQuery nodeQuery,
      ResourceLabels resources,
      String containerLabel) {}
}
