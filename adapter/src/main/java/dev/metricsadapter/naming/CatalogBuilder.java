package dev.metricsadapter.naming;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link MetricCatalog} from the series each rule discovered: series the rule's filters
 * drop are skipped, kept series are named, and every label naming a known resource registers the
 * metric for that resource (namespaced or cluster-scoped as the {@link ResourceMapper} says).
 *
 * <p>When two rules (or two different series) produce the same metric for the same resource, the
 * first in rule order, then series order, wins and a warning names both. A rule that would register
 * a namespaced resource but has no namespace label registers nothing for it, with a warning,
 * because every request for it would fail. Stateless and thread-safe.
 */
public final class CatalogBuilder {

  private final ResourceMapper mapper;

  public CatalogBuilder(ResourceMapper mapper) {
    this.mapper = mapper;
  }

  /** Builds the catalog; deterministic for a given input order. */
  public MetricCatalog build(List<RuleSeries> discovered) {
    Map<MetricKey, CatalogEntry> entries = new HashMap<>();
    Set<String> warnings = new LinkedHashSet<>();
    for (RuleSeries ruleSeries : discovered) {
      CompiledRule rule = ruleSeries.rule();
      ResourceLabels.LabelResolver resolver = rule.resources().resolver(mapper);
      boolean hasNamespaceLabel = rule.namespaceLabel(mapper).isPresent();
      for (Series series : ruleSeries.series()) {
        if (!rule.keeps(series.name())) {
          continue;
        }
        Optional<String> metric = rule.metricName(series.name());
        if (metric.isEmpty()) {
          continue;
        }
        for (String label : new TreeSet<>(series.labels().keySet())) {
          Optional<ResourceInfo> resource = resolver.resourceFor(label);
          if (resource.isEmpty()) {
            continue;
          }
          ResourceInfo info = resource.get();
          if (info.namespaced() && !hasNamespaceLabel) {
            warnings.add(
                "rule "
                    + rule
                    + ": label '"
                    + label
                    + "' names namespaced resource "
                    + info.groupResource()
                    + " but the rule has no namespace label, so "
                    + info.groupResource()
                    + "/"
                    + metric.get()
                    + " is not served; add a resources.overrides entry for the namespace label");
            continue;
          }
          MetricKey key = new MetricKey(info.groupResource(), info.namespaced(), metric.get());
          CatalogEntry candidate = new CatalogEntry(key, series.name(), rule);
          CatalogEntry existing = entries.putIfAbsent(key, candidate);
          if (existing != null && !sameSource(existing, candidate)) {
            warnings.add(
                "metric "
                    + key
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
    }
    return new MetricCatalog(entries, List.copyOf(warnings));
  }

  private static boolean sameSource(CatalogEntry a, CatalogEntry b) {
    return a.rule() == b.rule() && a.seriesName().equals(b.seriesName());
  }
}
