package dev.metricsadapter.diagnostics;

import dev.metricsadapter.catalog.CatalogEntry;
import dev.metricsadapter.catalog.ExternalCatalog;
import dev.metricsadapter.catalog.MetricCatalog;
import dev.metricsadapter.catalog.MetricKey;
import dev.metricsadapter.catalog.Series;
import dev.metricsadapter.provider.DiscoveredSeries;
import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRule;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.QueryBuildException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * For every rule that serves a metric, the PromQL of one request for one discovered object: what
 * {@code check}'s dry run sends so that Prometheus itself judges each expanded metricsQuery. Pure.
 */
public final class SampleQueries {

  /**
   * One rule's sample request.
   *
   * @param rule the rule
   * @param request the request it stands for, e.g. {@code pods/requests_per_second demo/web-1} or
   *     {@code external queue_depth}
   * @param promql the rule's query for it
   */
  public record Sample(CompiledRule rule, String request, String promql) {}

  private SampleQueries() {}

  /**
   * One sample per rule that serves at least one metric, in rule order; custom rules first, then
   * external rules. A custom rule's sample is for its first namespaced metric (what HPAs ask for
   * most), else its first metric; a rule whose chosen metric has no object with a usable name is
   * left out.
   *
   * @param catalog the custom metrics served, built from {@code answers} for {@code rules}
   * @param external the external metrics served, built likewise
   * @param answers what discovery kept of each seriesQuery's answer: the objects are named by the
   *     label values of the first series of each shape, which are real ones
   */
  public static List<Sample> of(
      CompiledRules rules,
      MetricCatalog catalog,
      ExternalCatalog external,
      Map<String, DiscoveredSeries> answers,
      ResourceMapper mapper) {
    List<Sample> samples = new ArrayList<>();
    Map<CompiledRule, CatalogEntry> firstEntry = new IdentityHashMap<>();
    catalog
        .entries()
        .forEach(
            entry ->
                firstEntry.merge(
                    entry.rule(), entry, (first, next) -> first.key().namespaced() ? first : next));
    for (CompiledRule rule : rules.rules()) {
      Optional.ofNullable(firstEntry.get(rule))
          .flatMap(entry -> custom(entry, seriesOf(answers, rule), mapper))
          .ifPresent(samples::add);
    }
    Map<CompiledRule, ExternalCatalog.Entry> firstExternal = new IdentityHashMap<>();
    external.entries().forEach(entry -> firstExternal.putIfAbsent(entry.rule(), entry));
    for (CompiledRule rule : rules.externalRules()) {
      ExternalCatalog.Entry entry = firstExternal.get(rule);
      if (entry != null) {
        String namespace =
            rule.namespaced()
                ? rule.namespaceLabel(mapper)
                    .flatMap(label -> valueOf(seriesOf(answers, rule), entry.seriesName(), label))
                    .orElse(null)
                : null;
        samples.add(
            new Sample(
                rule,
                "external " + entry.metric() + (namespace == null ? "" : " in " + namespace),
                rule.externalQuery(
                    entry.seriesName(), namespace, LabelSelector.EVERYTHING, mapper)));
      }
    }
    return samples;
  }

  private static Optional<Sample> custom(
      CatalogEntry entry, List<Series> series, ResourceMapper mapper) {
    CompiledRule rule = entry.rule();
    MetricKey key = entry.key();
    for (Series candidate : series) {
      if (!candidate.name().equals(entry.seriesName())) {
        continue;
      }
      Optional<String> name =
          rule.resources().labelFor(key.resource(), mapper).map(candidate.labels()::get);
      Optional<String> namespace =
          key.namespaced()
              ? rule.namespaceLabel(mapper).map(candidate.labels()::get)
              : Optional.of("");
      if (name.filter(n -> !n.isEmpty()).isEmpty()
          || namespace.isEmpty()
          || (key.namespaced() && namespace.get().isEmpty())) {
        continue;
      }
      String ns = key.namespaced() ? namespace.get() : null;
      try {
        return Optional.of(
            new Sample(
                rule,
                key + " " + (ns == null ? "" : ns + "/") + name.get(),
                rule.customQuery(
                    entry.seriesName(),
                    key.resource(),
                    ns,
                    List.of(name.get()),
                    LabelSelector.EVERYTHING,
                    mapper)));
      } catch (QueryBuildException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** One series of each shape {@code rule}'s seriesQuery found, with its label values. */
  private static List<Series> seriesOf(Map<String, DiscoveredSeries> answers, CompiledRule rule) {
    return answers.getOrDefault(rule.seriesQuery(), DiscoveredSeries.NONE).firsts();
  }

  private static Optional<String> valueOf(List<Series> series, String seriesName, String label) {
    return series.stream()
        .filter(s -> s.name().equals(seriesName))
        .map(s -> s.labels().get(label))
        .filter(value -> value != null && !value.isEmpty())
        .findFirst();
  }
}
