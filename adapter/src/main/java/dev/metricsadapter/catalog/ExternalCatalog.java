package dev.metricsadapter.catalog;

import dev.metricsadapter.rules.CompiledRule;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  public record Entry(String metric, String seriesName, CompiledRule rule)
      implements MetricSource {}

  private final SortedMap<String, Entry> entries;
  private final List<String> warnings;

  ExternalCatalog(Map<String, Entry> entries, List<String> warnings) {
    this.entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Builds the catalog from the series each external rule discovered, folding over the verdicts of
   * {@link SeriesClassifier}: every kept series whose name is made becomes a metric (no resource
   * association). When two rules or two series produce the same name, the first (rule order, then
   * series order) wins and a warning names both.
   */
  public static ExternalCatalog build(List<RuleSeries> discovered) {
    return build(discovered, VerdictFold.NONE);
  }

  /**
   * Builds the catalog as {@link #build(List)} does, and in the same pass hands every verdict to
   * {@code also} (after the catalog has taken it), e.g. to build a report of the discovery.
   */
  public static ExternalCatalog build(List<RuleSeries> discovered, VerdictFold also) {
    Fold catalog = new Fold();
    SeriesClassifier.foldExternal(discovered, catalog.andThen(also));
    return new ExternalCatalog(catalog.entries(), catalog.warnings());
  }

  /** The catalog under construction. */
  private static final class Fold extends CatalogFold<String, Entry> {
    Fold() {
      super("external metric");
    }

    @Override
    public void verdict(Series series, long count, SeriesVerdict verdict) {
      if (verdict instanceof SeriesVerdict.Produced produced) {
        offer(produced.metric(), new Entry(produced.metric(), series.name(), currentRule()));
      }
    }
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
