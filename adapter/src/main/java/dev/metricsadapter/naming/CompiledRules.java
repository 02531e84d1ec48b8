package dev.metricsadapter.naming;

import dev.metricsadapter.config.ConfigProblem;
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
 */
public record CompiledRules(
    List<CompiledRule> rules,
    List<CompiledRule> externalRules,
    Optional<CompiledResourceRules> resourceRules,
    List<ConfigProblem> warnings) {

  public CompiledRules {
    rules = List.copyOf(rules);
    externalRules = List.copyOf(externalRules);
    warnings = List.copyOf(warnings);
  }
}
