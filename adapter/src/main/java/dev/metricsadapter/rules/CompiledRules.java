package dev.metricsadapter.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The result of compiling every rule file: ready-to-use rules and the warnings found on the way.
 *
 * @param rules custom-metrics rules, in file order
 * @param externalRules external-metrics rules, in file order
 * @param resourceRules resource-metrics rules, if configured
 * @param warnings problems that do not stop the adapter (e.g. an {@code as} that expands to
 *     nothing, an override naming a resource the mapper does not know)
 * @param invalidSelectors seriesQueries that are not valid Prometheus series selectors. The adapter
 *     keeps such rules and lets Prometheus judge them (an engine with extensions may accept what
 *     Prometheus does not); {@code check} rejects them.
 */
public record CompiledRules(
    List<CompiledRule> rules,
    List<CompiledRule> externalRules,
    Optional<CompiledResourceRules> resourceRules,
    List<ConfigProblem> warnings,
    List<ConfigProblem> invalidSelectors) {

  public CompiledRules {
    rules = List.copyOf(rules);
    externalRules = List.copyOf(externalRules);
    warnings = List.copyOf(warnings);
    invalidSelectors = List.copyOf(invalidSelectors);
  }

  /** The warnings and the invalid selectors, in reading order: what serving logs at load. */
  public List<ConfigProblem> loadWarnings() {
    List<ConfigProblem> all = new ArrayList<>(warnings);
    all.addAll(invalidSelectors);
    return ConfigProblem.inReadingOrder(all);
  }
}
