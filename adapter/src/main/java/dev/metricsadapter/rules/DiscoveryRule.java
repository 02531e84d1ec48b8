package dev.metricsadapter.rules;

import java.util.List;

/**
 * One entry of {@code rules} or {@code externalRules}, as written.
 *
 * @param origin where the rule was written
 * @param seriesQuery Prometheus series selector used for discovery
 * @param seriesFilters filters on the series name, all of which must pass
 * @param resources how labels map to Kubernetes resources
 * @param name how series names become metric names
 * @param metricsQuery the PromQL template
 */
public record DiscoveryRule(
    RuleOrigin origin,
    String seriesQuery,
    List<SeriesFilterSpec> seriesFilters,
    ResourceMapping resources,
    NameSpec name,
    String metricsQuery) {

  public DiscoveryRule {
    seriesFilters = List.copyOf(seriesFilters);
  }
}
