package dev.metricsadapter.rules;

import java.time.Duration;

/**
 * The {@code resourceRules} section, serving {@code metrics.k8s.io}.
 *
 * @param cpu CPU usage in cores
 * @param memory memory usage in bytes
 * @param window the sampling window reported with each value
 */
public record ResourceRules(ResourceRule cpu, ResourceRule memory, Duration window) {}
