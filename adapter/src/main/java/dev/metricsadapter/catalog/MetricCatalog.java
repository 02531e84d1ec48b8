package dev.metricsadapter.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable snapshot of the custom metrics that can be served, sorted by resource and metric
 * name. Safe to read from any thread without locks; a new discovery builds a new catalog.
 */
public final class MetricCatalog {

  /** The catalog before any discovery. */
  public static final MetricCatalog EMPTY = new MetricCatalog(new TreeMap<>(), List.of());

  private final SortedMap<MetricKey, CatalogEntry> entries;
  private final List<String> warnings;

  MetricCatalog(Map<MetricKey, CatalogEntry> entries, List<String> warnings) {
    this.entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    this.warnings = List.copyOf(warnings);
  }

  /** The entry for {@code key}, if served. */
  public Optional<CatalogEntry> find(MetricKey key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Every entry, sorted by key. */
  public Collection<CatalogEntry> entries() {
    return entries.values();
  }

  /** Conflicts and unusable associations found while building, each once. */
  public List<String> warnings() {
    return warnings;
  }
}
