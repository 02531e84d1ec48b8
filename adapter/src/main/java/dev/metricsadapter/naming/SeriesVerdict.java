package dev.metricsadapter.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What one rule makes of one discovered series: the metric keys it produces, or why it is dropped.
 * The classification follows {@link CatalogBuilder} (custom rules) and {@link ExternalCatalog}
 * (external rules) step by step: filters and {@code name.matches}, then the name expansion, then
 * (custom rules only) the labels that name resources. It only explains; the catalogs stay the
 * authority on what is served.
 */
public sealed interface SeriesVerdict {

  /** Why a series produces no metric. */
  enum Reason {
    /** A {@code seriesFilters} entry removed it. */
    REMOVED_BY_FILTER,
    /** {@code name.matches} does not match the series name. */
    NAME_DID_NOT_MATCH,
    /** {@code name.as} expanded to the empty string. */
    NAME_EXPANDED_TO_NOTHING,
    /** None of the series' labels names a resource the mapper knows. */
    NO_RESOURCE_LABEL,
    /** Every resource its labels name is namespaced, but the rule has no namespace label. */
    NO_NAMESPACE_LABEL
  }

  /**
   * The series produces a metric.
   *
   * @param metric the metric name
   * @param keys the custom-metric keys registered, in label order; empty for external rules
   * @param unserved namespaced resources a label names that are not served because the rule has no
   *     namespace label (custom rules only)
   */
  record Produced(String metric, List<MetricKey> keys, List<GroupResource> unserved)
      implements SeriesVerdict {
    public Produced {
      keys = List.copyOf(keys);
      unserved = List.copyOf(unserved);
    }
  }

  /**
   * The series produces no metric.
   *
   * @param reason why
   * @param detail what the reason refers to: the filter ({@code isNot: ...}), the {@code
   *     name.matches} expression, the comma-separated label names, or the comma-separated
   *     namespaced resources; empty for {@link Reason#NAME_EXPANDED_TO_NOTHING}
   */
  record Dropped(Reason reason, String detail) implements SeriesVerdict {

    /** The reason in words, e.g. {@code removed by filter 'isNot: .*_total$'}. */
    public String describe() {
      return switch (reason) {
        case REMOVED_BY_FILTER -> "removed by filter '" + detail + "'";
        case NAME_DID_NOT_MATCH -> "name did not match '" + detail + "'";
        case NAME_EXPANDED_TO_NOTHING -> "name expanded to nothing";
        case NO_RESOURCE_LABEL -> "no label names a known resource (labels: " + detail + ")";
        case NO_NAMESPACE_LABEL -> "namespaced resource " + detail + " but no namespace label";
      };
    }
  }

  /**
   * Classifies the series of one rule. Holds a memoizing label resolver, so one instance serves one
   * thread and one pass over the series.
   */
  final class Classifier {

    private final CompiledRule rule;
    private final ResourceLabels.LabelResolver resolver;
    private final boolean hasNamespaceLabel;

    private Classifier(CompiledRule rule, ResourceMapper mapper, boolean custom) {
      this.rule = rule;
      this.resolver = custom ? rule.resources().resolver(mapper) : null;
      this.hasNamespaceLabel = custom && rule.namespaceLabel(mapper).isPresent();
    }

    /** A classifier for a {@code rules} entry. */
    public static Classifier custom(CompiledRule rule, ResourceMapper mapper) {
      return new Classifier(rule, mapper, true);
    }

    /** A classifier for an {@code externalRules} entry. */
    public static Classifier external(CompiledRule rule) {
      return new Classifier(rule, null, false);
    }

    /** The verdict on {@code series}. */
    public SeriesVerdict classify(Series series) {
      String name = series.name();
      if (!rule.keeps(name)) {
        for (SeriesFilter filter : rule.filters()) {
          if (!filter.keeps(name)) {
            return new Dropped(Reason.REMOVED_BY_FILTER, filter.toString());
          }
        }
        return new Dropped(Reason.NAME_DID_NOT_MATCH, rule.nameExpression());
      }
      Optional<String> metric = rule.metricName(name);
      if (metric.isEmpty()) {
        return new Dropped(Reason.NAME_EXPANDED_TO_NOTHING, "");
      }
      if (resolver == null) {
        return new Produced(metric.get(), List.of(), List.of());
      }
      List<MetricKey> keys = new ArrayList<>();
      List<GroupResource> unserved = new ArrayList<>();
      for (String label : new TreeSet<>(series.labels().keySet())) {
        Optional<ResourceInfo> resource = resolver.resourceFor(label);
        if (resource.isEmpty()) {
          continue;
        }
        ResourceInfo info = resource.get();
        if (info.namespaced() && !hasNamespaceLabel) {
          if (!unserved.contains(info.groupResource())) {
            unserved.add(info.groupResource());
          }
        } else {
          keys.add(new MetricKey(info.groupResource(), info.namespaced(), metric.get()));
        }
      }
      if (!keys.isEmpty()) {
        return new Produced(metric.get(), keys, unserved);
      }
      if (!unserved.isEmpty()) {
        return new Dropped(
            Reason.NO_NAMESPACE_LABEL,
            String.join(", ", unserved.stream().map(GroupResource::toString).toList()));
      }
      return new Dropped(Reason.NO_RESOURCE_LABEL, labelNames(series.labels()));
    }

    private static String labelNames(Map<String, String> labels) {
      return labels.isEmpty() ? "none" : String.join(", ", new TreeSet<>(labels.keySet()));
    }
  }
}
