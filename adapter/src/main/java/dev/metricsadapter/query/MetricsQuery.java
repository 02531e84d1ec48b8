package dev.metricsadapter.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A rule's compiled {@code metricsQuery} (or resource-rule container/node query), rendered into
 * PromQL once per request. Immutable and thread-safe.
 *
 * <p>Fields, for a {@link QueryInput}:
 *
 * <ul>
 *   <li>{@code .Series}: the series name;
 *   <li>{@code .LabelMatchers}: the metric-selector matchers (sorted by key), then {@code
 *       ns="<namespace>"}, then the resource matcher ({@code =} for one name, {@code =~} with
 *       regex-escaped names for several), joined with commas;
 *   <li>{@code .GroupBy} / {@code .GroupBySlice}: the resource label followed by the extra group-by
 *       labels, comma-joined / printed as Go prints a slice ({@code [a b]});
 *   <li>{@code .LabelValuesByName}: label to value, set values and object names joined with {@code
 *       |}, usable as {@code <<index .LabelValuesByName "pod">>} (or printed whole as Go prints a
 *       map).
 * </ul>
 */
public final class MetricsQuery {

  private final Template template;

  private MetricsQuery(Template template) {
    this.template = template;
  }

  /**
   * Compiles a query template.
   *
   * @throws TemplateException for an empty template or an unsupported construct
   */
  public static MetricsQuery compile(String source) {
    if (source == null || source.isBlank()) {
      throw new TemplateException("the query template is empty");
    }
    return new MetricsQuery(Template.compile(source, TemplateVocabulary.METRICS_QUERY));
  }

  /**
   * Renders the query for one request.
   *
   * @throws SelectorException if the metric selector cannot be expressed in PromQL
   */
  public String render(QueryInput input) {
    List<LabelMatcher> matchers = new ArrayList<>(SelectorMatchers.of(input.metricSelector()));
    Map<String, String> valuesByName = new HashMap<>();
    input
        .metricSelector()
        .requirements()
        .forEach(r -> valuesByName.put(r.key(), String.join("|", r.values())));
    List<String> groupBy = new ArrayList<>();
    if (input.namespace() != null) {
      matchers.add(input.namespace().matcher());
      valuesByName.put(input.namespace().label(), String.join("|", input.namespace().values()));
    }
    if (input.resource() != null) {
      matchers.add(input.resource().matcher());
      valuesByName.put(input.resource().label(), String.join("|", input.resource().values()));
      groupBy.add(input.resource().label());
    }
    groupBy.addAll(input.extraGroupBy());

    Map<String, String> fields = new HashMap<>();
    fields.put("Series", input.series());
    fields.put(
        "LabelMatchers",
        matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(",")));
    fields.put("GroupBy", String.join(",", groupBy));
    fields.put("GroupBySlice", "[" + String.join(" ", groupBy) + "]");
    fields.put("LabelValuesByName", goMap(valuesByName));
    return template.render(fields, Map.of("LabelValuesByName", valuesByName));
  }

  private static String goMap(Map<String, String> map) {
    return new TreeMap<>(map)
        .entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue())
            .collect(Collectors.joining(" ", "map[", "]"));
  }

  /** The template text as written in the rule file. */
  public String source() {
    return template.source();
  }

  @Override
  public String toString() {
    return template.source();
  }
}
