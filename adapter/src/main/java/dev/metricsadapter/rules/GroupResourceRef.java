package dev.metricsadapter.rules;

/**
 * A Kubernetes resource named in a rule file, not yet normalized: {@code resource} may be plural,
 * singular, a short name or a kind.
 *
 * @param group API group; empty means "any group, the core group first"
 * @param resource the resource as written
 */
public record GroupResourceRef(String group, String resource) {}
