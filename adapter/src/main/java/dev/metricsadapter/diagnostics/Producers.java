package dev.metricsadapter.diagnostics;

import dev.metricsadapter.catalog.MetricSource;
import dev.metricsadapter.rules.CompiledRule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The distinct sources (rule and series) producing one metric, in discovery order. */
final class Producers {

  /** Records compare rules by identity: {@link CompiledRule} does not override equals. */
  private record Producer(CompiledRule rule, String seriesName) implements MetricSource {}

  private final Set<Producer> all = new LinkedHashSet<>();

  /** Counts {@code seriesName} of {@code rule} as a source, once. */
  void add(CompiledRule rule, String seriesName) {
    all.add(new Producer(rule, seriesName));
  }

  /** Whether more than one source produces the metric. */
  boolean hasSeveral() {
    return all.size() > 1;
  }

  /** Every source but {@code served}, in discovery order. */
  List<DiscoveryReport.Source> othersThan(MetricSource served) {
    return all.stream()
        .filter(producer -> !producer.sameSourceAs(served))
        .map(DiscoveryReport.Source::of)
        .toList();
  }
}
