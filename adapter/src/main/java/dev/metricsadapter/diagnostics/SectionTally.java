package dev.metricsadapter.diagnostics;

import dev.metricsadapter.catalog.MetricSource;
import dev.metricsadapter.catalog.RuleSeries;
import dev.metricsadapter.catalog.Series;
import dev.metricsadapter.catalog.SeriesVerdict;
import dev.metricsadapter.catalog.VerdictFold;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The report's fold over the verdicts of one section of rules: a {@link RuleTally} per rule, and
 * the sources of every metric, to find those defined more than once. It rides along the pass that
 * builds the section's catalog; once the pass is done, the catalog says which source serves.
 *
 * @param <K> how the section's catalog knows a metric
 */
final class SectionTally<K extends Comparable<K>> implements VerdictFold {

  private final Section<K> section;
  private final List<RuleTally<K>> rules = new ArrayList<>();
  private final Map<K, Producers> producers = new TreeMap<>();
  private RuleTally<K> current;

  SectionTally(Section<K> section) {
    this.section = section;
  }

  @Override
  public void rule(RuleSeries discovered) {
    current = new RuleTally<>(discovered);
    rules.add(current);
  }

  @Override
  public void verdict(Series series, long count, SeriesVerdict verdict) {
    if (verdict instanceof SeriesVerdict.Produced produced) {
      List<K> metrics = section.metrics(produced);
      current.produced(series, count, produced, metrics);
      for (K metric : metrics) {
        producers.computeIfAbsent(metric, m -> new Producers()).add(current.rule(), series.name());
      }
    } else {
      current.dropped(series, count, (SeriesVerdict.Dropped) verdict);
    }
  }

  /** A report per rule, in rule order; {@code catalog} is the section's, built in the same pass. */
  List<DiscoveryReport.RuleReport> reports(Function<K, Optional<? extends MetricSource>> catalog) {
    return rules.stream().map(rule -> rule.report(catalog, section)).toList();
  }

  /** The metrics defined more than once, in the section's order, and who serves each. */
  List<DiscoveryReport.Duplicate> duplicates(
      Function<K, Optional<? extends MetricSource>> catalog) {
    List<DiscoveryReport.Duplicate> duplicates = new ArrayList<>();
    producers.forEach(
        (metric, sources) -> {
          if (sources.hasSeveral()) {
            catalog
                .apply(metric)
                .ifPresent(
                    served ->
                        duplicates.add(
                            section.duplicate(
                                metric,
                                DiscoveryReport.Source.of(served),
                                sources.othersThan(served))));
          }
        });
    return duplicates;
  }
}
