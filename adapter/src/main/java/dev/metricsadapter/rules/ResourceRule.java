package dev.metricsadapter.rules;

/**
 * {@code resourceRules.cpu} or {@code resourceRules.memory}, as written.
 *
 * @param origin where the rule was written
 * @param containerQuery PromQL template for containers of pods
 * @param nodeQuery PromQL template for nodes
 * @param resources how labels map to pods, namespaces and nodes
 * @param containerLabel label holding the container name
 */
public record ResourceRule(
    RuleOrigin origin,
    String containerQuery,
    String nodeQuery,
    ResourceMapping resources,
    String containerLabel) {}
