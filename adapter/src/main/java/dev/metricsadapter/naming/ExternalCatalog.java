package dev.metricsadapter.naming;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable snapshot of the servable external metrics, by name, sorted. Safe to read from any
 * thread; a new discovery builds a new catalog.
 */
public final class ExternalCatalog {

  /** The catalog before any discovery. */
  public static final ExternalCatalog EMPTY = new ExternalCatalog(Map.of(), List.of());

  /**
   * One external metric.
   *
   * @param metric the metric name requests use
   * @param seriesName the discovered series behind it
   * @param rule the rule that computes it
   */
  public record Entry(String metric, String seriesName, CompiledRule rule) {}

  private final SortedMap<String, Entry> entries;
  private final List<String> warnings;

  ExternalCatalog(Map<String, Entry> entries, List<String> warnings) {
    this.entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Builds the catalog from the series each external rule discovered: every kept series name
   * becomes a metric (no resource association). When two rules or two series produce the same name,
   * the first (rule order, then series order) wins and a warning names both.
   */
  public static ExternalCatalog build(List<RuleSeries> discovered) {
    Map<String, Entry> entries = new TreeMap<>();
    Set<String> warnings = new LinkedHashSet<>();
    for (RuleSeries ruleSeries : discovered) {
      CompiledRule rule = ruleSeries.rule();
      for (Series series : ruleSeries.series()) {
        if (!rule.keeps(series.name())) {
          continue;
        }
        Optional<String> metric = rule.metricName(series.name());
        if (metric.isEmpty()) {
          continue;
        }
        Entry candidate = new Entry(metric.get(), series.name(), rule);
        Entry existing = entries.putIfAbsent(metric.get(), candidate);
        if (existing != null
            && !(existing.rule() == rule && existing.seriesName().equals(series.name()))) {
          warnings.add(
              "external metric "
                  + metric.get()
                  + " is produced by rule "
                  + existing.rule()
                  + " (series "
                  + existing.seriesName()
                  + ") and by rule "
                  + rule
                  + " (series "
                  + series.name()
                  + "); serving the first");
        }
      }
    }
    return new ExternalCatalog(entries, List.copyOf(warnings));
  }

  /** The entry for {@code metric}, if served. */
  public Optional<Entry> find(String metric) {
    return Optional.ofNullable(entries.get(metric));
  }

  /** Every entry, sorted by name. */
  public Collection<Entry> entries() {
    return entries.values();
  }

  /** Conflicts found while building, each once. */
  public List<String> warnings() {
    return warnings;
  }
}
