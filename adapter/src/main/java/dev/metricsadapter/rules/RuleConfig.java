package dev.metricsadapter.rules;

import java.util.List;
import java.util.Optional;

/**
 * All rule files of one load, merged in file-name order.
 *
 * @param rules custom-metrics rules
 * @param externalRules external-metrics rules
 * @param resourceRules resource-metrics rules, if any file has them
 */
public record RuleConfig(
    List<DiscoveryRule> rules,
    List<DiscoveryRule> externalRules,
    Optional<ResourceRules> resourceRules) {

  public RuleConfig {
    rules = List.copyOf(rules);
    externalRules = List.copyOf(externalRules);
  }
}
