package dev.metricsadapter.diagnostics;

import dev.metricsadapter.catalog.MetricSource;
import dev.metricsadapter.catalog.RuleSeries;
import dev.metricsadapter.catalog.Series;
import dev.metricsadapter.catalog.SeriesVerdict;
import dev.metricsadapter.catalog.SeriesVerdict.Reason;
import dev.metricsadapter.rules.CompiledRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What one rule made of its series, verdict by verdict: the series kept, the metrics produced, and
 * the series dropped (or not fully served) by reason. A verdict on a shape counts every series of
 * the shape.
 *
 * @param <K> how the section's catalog knows a metric
 */
final class RuleTally<K extends Comparable<K>> {

  private final RuleSeries discovered;
  private final Set<K> metrics = new TreeSet<>();
  private final Map<String, ReasonTally> dropped = new LinkedHashMap<>();
  private final Map<String, ReasonTally> unserved = new LinkedHashMap<>();
  private long kept;

  /** A tally of the verdicts on {@code discovered}'s series. */
  RuleTally(RuleSeries discovered) {
    this.discovered = discovered;
  }

  /** The rule. */
  CompiledRule rule() {
    return discovered.rule();
  }

  /**
   * Counts {@code series}, standing for {@code count} listed series, which produced {@code keys}.
   */
  void produced(Series series, long count, SeriesVerdict.Produced produced, List<K> keys) {
    kept += count;
    metrics.addAll(keys);
    if (produced.associations().stream().anyMatch(association -> !association.served())) {
      tally(unserved, Reason.NO_NAMESPACE_LABEL, ReasonTally.notServed(produced.associations()))
          .add(series, count);
    }
  }

  /**
   * Counts {@code series}, standing for {@code count} listed series, which {@code drop} dropped.
   */
  void dropped(Series series, long count, SeriesVerdict.Dropped drop) {
    tally(dropped, drop.reason(), ReasonTally.describe(drop)).add(series, count);
  }

  private static ReasonTally tally(
      Map<String, ReasonTally> tallies, Reason reason, String described) {
    return tallies.computeIfAbsent(described, words -> new ReasonTally(reason, words));
  }

  /**
   * The rule's report.
   *
   * @param catalog the section's catalog: which source serves a metric
   * @param section how the section describes its metrics
   */
  DiscoveryReport.RuleReport report(
      Function<K, Optional<? extends MetricSource>> catalog, Section<K> section) {
    CompiledRule rule = rule();
    List<DiscoveryReport.Metric> listed = new ArrayList<>();
    for (K metric : metrics) {
      boolean served = catalog.apply(metric).map(entry -> entry.rule() == rule).orElse(false);
      listed.add(section.metric(metric, rule, served));
    }
    return new DiscoveryReport.RuleReport(
        rule.origin().toString(),
        rule.seriesQuery(),
        discovered.count(),
        kept,
        listed,
        drops(dropped),
        drops(unserved));
  }

  /** Most frequent first; ties in the order first seen. */
  private static List<DiscoveryReport.Drop> drops(Map<String, ReasonTally> tallies) {
    List<DiscoveryReport.Drop> drops = new ArrayList<>();
    tallies.values().forEach(tally -> drops.add(tally.drop()));
    drops.sort(Comparator.comparingLong(DiscoveryReport.Drop::count).reversed());
    return drops;
  }
}
