package dev.metricsadapter.query;

import java.util.List;
import java.util.Objects;

/**
 * Everything one request contributes to a rule's query template. Build instances with {@link
 * #of(String)} and the {@code with...} methods; every method returns a new immutable value.
 *
 * @param series the discovered series name ({@code .Series})
 * @param metricSelector selects series by their labels; its matchers come first in {@code
 *     .LabelMatchers}, sorted by key
 * @param namespace the namespace matcher's label and value, or {@code null} for none
 * @param resource the resource label and the object names to match, or {@code null} for none
 * @param extraGroupBy labels grouped by after the resource label
 */
public record QueryInput(
    String series,
    LabelSelector metricSelector,
    LabelValues namespace,
    LabelValues resource,
    List<String> extraGroupBy) {

  /**
   * A label and the values it must have.
   *
   * @param label a Prometheus label name
   * @param values the values; empty means any non-empty value ({@code label!=""})
   */
  public record LabelValues(String label, List<String> values) {
    public LabelValues {
      if (!LabelMatcher.isLabelName(label)) {
        throw new IllegalArgumentException("not a Prometheus label name: \"" + label + "\"");
      }
      values = List.copyOf(values);
    }

    /** The matcher: {@code =} for one value, {@code =~} for several, {@code !=""} for any. */
    LabelMatcher matcher() {
      return values.isEmpty()
          ? new LabelMatcher(label, LabelMatcher.Operator.NOT_EQUAL, "")
          : LabelMatcher.anyOf(label, values);
    }
  }

  public QueryInput {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(metricSelector, "metricSelector");
    extraGroupBy = List.copyOf(extraGroupBy);
  }

  /** A query of {@code series} with no matchers and no grouping. */
  public static QueryInput of(String series) {
    return new QueryInput(series, LabelSelector.EVERYTHING, null, null, List.of());
  }

  /** This input with the series also selected by {@code selector}. */
  public QueryInput withMetricSelector(LabelSelector selector) {
    return new QueryInput(series, selector, namespace, resource, extraGroupBy);
  }

  /** This input restricted to one namespace, held in label {@code label}. */
  public QueryInput withNamespace(String label, String name) {
    return withNamespaces(label, List.of(name));
  }

  /** This input restricted to these namespaces (any namespace when empty). */
  public QueryInput withNamespaces(String label, List<String> names) {
    return new QueryInput(
        series, metricSelector, new LabelValues(label, names), resource, extraGroupBy);
  }

  /**
   * This input restricted to the named objects, whose names are held in label {@code label}.
   *
   * @throws IllegalArgumentException if {@code names} is empty
   */
  public QueryInput withResource(String label, List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("label " + label + " needs at least one object name");
    }
    return new QueryInput(
        series, metricSelector, namespace, new LabelValues(label, names), extraGroupBy);
  }

  /** This input restricted to series that name any object in label {@code label}. */
  public QueryInput withAnyResource(String label) {
    return new QueryInput(
        series, metricSelector, namespace, new LabelValues(label, List.of()), extraGroupBy);
  }

  /** This input also grouped by {@code labels}, after the resource label. */
  public QueryInput withExtraGroupBy(List<String> labels) {
    return new QueryInput(series, metricSelector, namespace, resource, labels);
  }
}
