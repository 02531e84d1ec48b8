package dev.metricsadapter.resourcemetrics;

import dev.metricsadapter.prometheus.QueryResult;
import dev.metricsadapter.prometheus.QueryResult.Sample;
import dev.metricsadapter.provider.UnexpectedResultException;
import dev.metricsadapter.quantity.Quantities;
import dev.metricsadapter.query.MetricsQuery;
import dev.metricsadapter.query.QueryInput;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledResourceRules;
import dev.metricsadapter.rules.QueryBuildException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One resource rule's CPU or memory query of pods or of nodes, with the labels that name what each
 * of its samples measures. Immutable.
 *
 * @param template the rule's {@code containerQuery} (pods) or {@code nodeQuery} (nodes)
 * @param objectLabel the label holding pod or node names
 * @param namespaceLabel the label holding the pods' namespaces; empty for nodes
 * @param containerLabel the label holding container names; empty for nodes, measured whole
 */
record UsageQuery(
    MetricsQuery template,
    String objectLabel,
    Optional<String> namespaceLabel,
    Optional<String> containerLabel) {

  private static final GroupResource PODS = GroupResource.core("pods");
  private static final GroupResource NAMESPACES = GroupResource.core("namespaces");
  private static final GroupResource NODES = GroupResource.core("nodes");

  /**
   * {@code rule}'s per-container query of pods.
   *
   * @throws QueryBuildException if the rule has no label for pods or for namespaces
   */
  static UsageQuery pods(CompiledResourceRules.Rule rule, ResourceMapper mapper) {
    String pod = label(rule, PODS, mapper);
    return new UsageQuery(
        rule.containerQuery(),
        pod,
        Optional.of(label(rule, NAMESPACES, mapper)),
        Optional.of(rule.containerLabel()));
  }

  /**
   * {@code rule}'s query of nodes.
   *
   * @throws QueryBuildException if the rule has no label for nodes
   */
  static UsageQuery nodes(CompiledResourceRules.Rule rule, ResourceMapper mapper) {
    return new UsageQuery(
        rule.nodeQuery(), label(rule, NODES, mapper), Optional.empty(), Optional.empty());
  }

  private static String label(
      CompiledResourceRules.Rule rule, GroupResource resource, ResourceMapper mapper) {
    return rule.resources()
        .labelFor(resource, mapper)
        .orElseThrow(
            () ->
                new QueryBuildException(
                    "resource rule "
                        + rule.origin()
                        + " has no label for "
                        + resource
                        + ": add it to resources.overrides"));
  }

  /**
   * The PromQL of the usage of the objects {@code listing} reports on, grouped by object, then
   * container and namespace.
   */
  String promql(Listing.Queried listing) {
    QueryInput input =
        QueryInput.of("")
            .withExtraGroupBy(
                Stream.of(containerLabel, namespaceLabel).flatMap(Optional::stream).toList());
    return template.render(listing.restrict(input, objectLabel, namespaceLabel));
  }

  /**
   * The readings of {@code result}: negative and NaN values count as 0; infinite values and samples
   * without the labels naming an object (and container) are left out.
   *
   * @throws UnexpectedResultException unless {@code result} is a vector
   */
  Readings readings(QueryResult result) {
    if (result.type() != QueryResult.Type.VECTOR) {
      throw new UnexpectedResultException(
          "a resource rule query returned a " + result.type() + "; it must return a vector");
    }
    Readings readings = new Readings();
    for (Sample sample : result.samples()) {
      Map<String, String> labels = sample.labels();
      String name = labels.get(objectLabel);
      String namespace = namespaceLabel.map(labels::get).orElse(null);
      String part = containerLabel.isPresent() ? labels.get(containerLabel.get()) : Readings.WHOLE;
      if (name == null
          || (namespaceLabel.isPresent() && namespace == null)
          || part == null
          || Quantities.isInfinite(sample.value())) {
        continue;
      }
      BigDecimal value =
          Quantities.parsePrometheusValue(sample.value())
              .orElse(BigDecimal.ZERO)
              .max(BigDecimal.ZERO);
      readings.add(
          new ObjectKey(namespace, name), part, new Readings.Reading(value, sample.timestamp()));
    }
    return readings;
  }
}
