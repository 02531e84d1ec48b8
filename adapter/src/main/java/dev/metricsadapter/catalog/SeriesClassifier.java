package dev.metricsadapter.catalog;

import dev.metricsadapter.catalog.SeriesVerdict.Association;
import dev.metricsadapter.catalog.SeriesVerdict.Dropped;
import dev.metricsadapter.catalog.SeriesVerdict.Produced;
import dev.metricsadapter.catalog.SeriesVerdict.Reason;
import dev.metricsadapter.resources.ResourceInfo;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRule;
import dev.metricsadapter.rules.ResourceLabels;
import dev.metricsadapter.rules.SeriesFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The one place that decides what a rule makes of a discovered series, step by step as the rule
 * reads: each {@code seriesFilters} entry, then {@code name.matches}, then the {@code name.as}
 * expansion, then, for a {@code rules} entry, each label naming a resource, served unless the
 * resource is namespaced and the rule has no namespace label. An {@code externalRules} entry
 * produces its metric once the name is made.
 *
 * <p>A series dropped by a filter or by its name gets a verdict shared by every such series of the
 * rule, so only series whose name is made cost a verdict of their own. An instance holds a
 * memoizing label resolver: it serves one thread and one pass over the series.
 */
final class SeriesClassifier {

  private static final Dropped EXPANDED_TO_NOTHING =
      new Dropped(Reason.NAME_EXPANDED_TO_NOTHING, "", List.of());
  private static final Dropped NO_RESOURCE_LABEL =
      new Dropped(Reason.NO_RESOURCE_LABEL, "", List.of());

  private final CompiledRule rule;
  private final List<Dropped> removedBy;
  private final Dropped nameDidNotMatch;
  private final ResourceLabels.LabelResolver resolver;
  private final boolean hasNamespaceLabel;

  /** {@code resolver} is null for an {@code externalRules} entry. */
  private SeriesClassifier(
      CompiledRule rule, ResourceLabels.LabelResolver resolver, boolean hasNamespaceLabel) {
    this.rule = rule;
    this.removedBy =
        rule.filters().stream()
            .map(filter -> new Dropped(Reason.REMOVED_BY_FILTER, filter.toString(), List.of()))
            .toList();
    this.nameDidNotMatch = new Dropped(Reason.NAME_DID_NOT_MATCH, rule.nameExpression(), List.of());
    this.resolver = resolver;
    this.hasNamespaceLabel = hasNamespaceLabel;
  }

  /** A classifier for a {@code rules} entry; {@code mapper} says which labels name resources. */
  static SeriesClassifier custom(CompiledRule rule, ResourceMapper mapper) {
    return new SeriesClassifier(
        rule, rule.resources().resolver(mapper), rule.namespaceLabel(mapper).isPresent());
  }

  /** A classifier for an {@code externalRules} entry. */
  static SeriesClassifier external(CompiledRule rule) {
    return new SeriesClassifier(rule, null, false);
  }

  /**
   * Classifies every series of every {@code rules} entry once, handing the verdicts, with the
   * series' counts, to {@code fold} in rule order, then series order.
   */
  static void foldCustom(List<RuleSeries> discovered, ResourceMapper mapper, VerdictFold fold) {
    fold(discovered, rule -> custom(rule, mapper), fold);
  }

  /** As {@link #foldCustom}, for {@code externalRules} entries. */
  static void foldExternal(List<RuleSeries> discovered, VerdictFold fold) {
    fold(discovered, SeriesClassifier::external, fold);
  }

  private static void fold(
      List<RuleSeries> discovered,
      Function<CompiledRule, SeriesClassifier> classifiers,
      VerdictFold fold) {
    for (RuleSeries ruleSeries : discovered) {
      SeriesClassifier classifier = classifiers.apply(ruleSeries.rule());
      fold.rule(ruleSeries);
      List<Series> series = ruleSeries.series();
      List<Long> counts = ruleSeries.counts();
      for (int i = 0; i < series.size(); i++) {
        fold.verdict(series.get(i), counts.get(i), classifier.classify(series.get(i)));
      }
    }
  }

  /** The verdict on {@code series}. */
  SeriesVerdict classify(Series series) {
    String name = series.name();
    List<SeriesFilter> filters = rule.filters();
    for (int i = 0; i < filters.size(); i++) {
      if (!filters.get(i).keeps(name)) {
        return removedBy.get(i);
      }
    }
    if (!rule.nameMatches(name)) {
      return nameDidNotMatch;
    }
    Optional<String> metric = rule.metricName(name);
    if (metric.isEmpty()) {
      return EXPANDED_TO_NOTHING;
    }
    if (resolver == null) {
      return new Produced(metric.get(), List.of());
    }
    return associate(metric.get(), series.labels().keySet());
  }

  private SeriesVerdict associate(String metric, Set<String> labels) {
    List<Association> associations = new ArrayList<>();
    boolean served = false;
    for (String label : new TreeSet<>(labels)) {
      Optional<ResourceInfo> resource = resolver.resourceFor(label);
      if (resource.isPresent()) {
        ResourceInfo info = resource.get();
        boolean servable = hasNamespaceLabel || !info.namespaced();
        MetricKey key = new MetricKey(info.groupResource(), info.namespaced(), metric);
        associations.add(new Association(label, key, servable));
        served |= servable;
      }
    }
    if (served) {
      return new Produced(metric, associations);
    }
    return associations.isEmpty()
        ? NO_RESOURCE_LABEL
        : new Dropped(Reason.NO_NAMESPACE_LABEL, "", associations);
  }
}
