package dev.metricsadapter.rules;

import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.query.MetricsQuery;
import dev.metricsadapter.query.QueryInput;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.ResourceMapper;
import java.util.List;
import java.util.Optional;

/**
 * One compiled {@code rules} or {@code externalRules} entry: it decides which discovered series it
 * keeps, what each is called, which resources its labels name, and renders the PromQL for a
 * request. Immutable and thread-safe.
 */
public final class CompiledRule {

  private static final GroupResource NAMESPACES = GroupResource.core("namespaces");

  private final RuleOrigin origin;
  private final String seriesQuery;
  private final List<SeriesFilter> filters;
  private final MetricNamer namer;
  private final ResourceLabels resources;
  private final MetricsQuery query;
  private final boolean namespaced;

  CompiledRule(
      RuleOrigin origin,
      String seriesQuery,
      List<SeriesFilter> filters,
      MetricNamer namer,
      ResourceLabels resources,
      MetricsQuery query,
      boolean namespaced) {
    this.origin = origin;
    this.seriesQuery = seriesQuery;
    this.filters = List.copyOf(filters);
    this.namer = namer;
    this.resources = resources;
    this.query = query;
    this.namespaced = namespaced;
  }

  /** Where the rule was written. */
  public RuleOrigin origin() {
    return origin;
  }

  /** The Prometheus series selector this rule discovers with. */
  public String seriesQuery() {
    return seriesQuery;
  }

  /** How the rule's labels map to resources. */
  public ResourceLabels resources() {
    return resources;
  }

  /** The label holding the namespace of the described objects, if the rule has one. */
  public Optional<String> namespaceLabel(ResourceMapper mapper) {
    return resources.labelFor(NAMESPACES, mapper);
  }

  /** For external rules: whether the request namespace restricts the query. */
  public boolean namespaced() {
    return namespaced;
  }

  /**
   * Whether the rule keeps the series named {@code seriesName}: every {@code seriesFilters} entry
   * keeps it and it matches {@code name.matches}.
   */
  public boolean keeps(String seriesName) {
    return filters.stream().allMatch(f -> f.keeps(seriesName)) && nameMatches(seriesName);
  }

  /** The {@code seriesFilters} entries, in the order written. */
  public List<SeriesFilter> filters() {
    return filters;
  }

  /** Whether the series name matches {@code name.matches}, whatever the filters say. */
  public boolean nameMatches(String seriesName) {
    return namer.matches(seriesName);
  }

  /** The {@code name.matches} expression ({@code .*} when none is written). */
  public String nameExpression() {
    return namer.expression();
  }

  /** The metric name for a kept series; empty if {@code name.as} expands to nothing. */
  public Optional<String> metricName(String seriesName) {
    return namer.metricName(seriesName);
  }

  /**
   * The PromQL for a custom-metrics request.
   *
   * @param series the discovered series behind the metric
   * @param resource the described objects' resource
   * @param namespace the objects' namespace, or {@code null} for cluster-scoped objects
   * @param names one or more object names
   * @param metricSelector selects series by label ({@code metricLabelSelector})
   * @param mapper normalizes resource names
   * @throws QueryBuildException if the rule has no label for the resource or the namespace
   * @throws dev.metricsadapter.query.SelectorException if the selector has no PromQL form
   */
  public String customQuery(
      String series,
      GroupResource resource,
      String namespace,
      List<String> names,
      LabelSelector metricSelector,
      ResourceMapper mapper) {
    QueryInput input =
        QueryInput.of(series)
            .withMetricSelector(metricSelector)
            .withResource(labelFor(resource, mapper), names);
    if (namespace != null) {
      input = input.withNamespace(labelFor(NAMESPACES, mapper), namespace);
    }
    return query.render(input);
  }

  /**
   * The PromQL for an external-metrics request; the namespace restricts the query unless the rule
   * says {@code namespaced: false}.
   *
   * @throws QueryBuildException if the rule is namespaced but has no namespace label
   * @throws dev.metricsadapter.query.SelectorException if the selector has no PromQL form
   */
  public String externalQuery(
      String series, String namespace, LabelSelector metricSelector, ResourceMapper mapper) {
    QueryInput input = QueryInput.of(series).withMetricSelector(metricSelector);
    if (namespaced && namespace != null && !namespace.isEmpty()) {
      input = input.withNamespace(labelFor(NAMESPACES, mapper), namespace);
    }
    return query.render(input);
  }

  private String labelFor(GroupResource resource, ResourceMapper mapper) {
    return resources
        .labelFor(resource, mapper)
        .orElseThrow(
            () ->
                new QueryBuildException(
                    "rule "
                        + this
                        + " has no label for resource "
                        + resource
                        + ": add a resources.overrides entry or a resources.template"));
  }

  /** {@code file:line section[i]}, for messages. */
  @Override
  public String toString() {
    return origin.toString();
  }
}
