package dev.metricsadapter.catalog;

import java.util.List;

/**
 * What one rule makes of one discovered series: the metric it produces, or why it produces none.
 * {@link SeriesClassifier} is the only place that decides; the catalogs and the discovery report
 * fold over the verdicts ({@link VerdictFold}).
 */
public sealed interface SeriesVerdict {

  /**
   * For a {@code rules} entry, every label of the series that names a known resource, in label-name
   * order, whether served or not; empty for {@code externalRules} entries and for series dropped
   * before their labels are looked at.
   */
  List<Association> associations();

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
   * A label that names a resource, and the custom metric it registers for that resource.
   *
   * @param label the label name
   * @param key the metric for the resource the label names
   * @param served false when the resource is namespaced but the rule has no namespace label, so
   *     every request for it would fail
   */
  record Association(String label, MetricKey key, boolean served) {}

  /**
   * The series produces a metric.
   *
   * @param metric the metric name
   * @param associations see {@link SeriesVerdict#associations()}; for a {@code rules} entry at
   *     least one is served
   */
  record Produced(String metric, List<Association> associations) implements SeriesVerdict {
    public Produced {
      associations = List.copyOf(associations);
    }
  }

  /**
   * The series produces no metric.
   *
   * @param reason why
   * @param detail the part of the rule that dropped it: the filter ({@code isNot: ...}) for {@link
   *     Reason#REMOVED_BY_FILTER}, the {@code name.matches} expression for {@link
   *     Reason#NAME_DID_NOT_MATCH}; empty otherwise
   * @param associations for {@link Reason#NO_NAMESPACE_LABEL} the labels naming namespaced
   *     resources, none served; empty otherwise
   */
  record Dropped(Reason reason, String detail, List<Association> associations)
      implements SeriesVerdict {
    public Dropped {
      associations = List.copyOf(associations);
    }
  }
}
