package dev.metricsadapter.diagnostics;

import dev.metricsadapter.naming.CatalogBuilder;
import dev.metricsadapter.naming.CompiledRule;
import dev.metricsadapter.naming.ExternalCatalog;
import dev.metricsadapter.naming.GroupResource;
import dev.metricsadapter.naming.MetricCatalog;
import dev.metricsadapter.naming.MetricKey;
import dev.metricsadapter.naming.ResourceMapper;
import dev.metricsadapter.naming.RuleSeries;
import dev.metricsadapter.naming.Series;
import dev.metricsadapter.naming.SeriesVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What discovery makes of the series each rule's {@code seriesQuery} found: per rule, the series
 * matched, the metrics produced (with resource and scope), and the series dropped with the reason,
 * aggregated so that a million series give a handful of lines; plus the metrics defined twice.
 *
 * <p>Built from the same input as {@link CatalogBuilder} and {@link ExternalCatalog#build}; both
 * catalogs are built too, and they decide which source serves a metric defined twice (first wins)
 * and supply the warnings the adapter would log. Immutable once built; {@link #build} is
 * deterministic for a given input order.
 */
public final class DiscoveryReport {

  /** Example series names kept per aggregated reason. */
  public static final int MAX_EXAMPLES = 5;

  /** Label names listed for {@link SeriesVerdict.Reason#NO_RESOURCE_LABEL}. */
  static final int MAX_LABELS = 20;

  /**
   * One producer of a metric.
   *
   * @param rule the rule, {@code file:line section[i]}
   * @param series the series name
   */
  public record Source(String rule, String series) {
    @Override
    public String toString() {
      return rule + " (series " + series + ")";
    }
  }

  /**
   * A metric a rule produces.
   *
   * @param name the metric name
   * @param resource the resource of the described objects; empty for external metrics
   * @param namespaced custom metrics: whether the resource is namespaced; external metrics: whether
   *     the request's namespace restricts the query ({@code resources.namespaced})
   * @param served whether this rule serves it (false when an earlier source defines it too)
   */
  public record Metric(
      String name, Optional<GroupResource> resource, boolean namespaced, boolean served) {

    /**
     * {@code pods/m (namespaced)}, {@code namespaces/m (cluster-scoped)} or {@code m (external)}.
     */
    @Override
    public String toString() {
      return resource
          .map(r -> r + "/" + name + (namespaced ? " (namespaced)" : " (cluster-scoped)"))
          .orElse(name + " (external)");
    }
  }

  /**
   * Series sharing one reason.
   *
   * @param reason the reason in words
   * @param count how many series
   * @param examples up to {@link #MAX_EXAMPLES} distinct series names, in discovery order
   */
  public record Drop(String reason, long count, List<String> examples) {
    public Drop {
      examples = List.copyOf(examples);
    }
  }

  /**
   * The outcome of one rule.
   *
   * @param rule {@code file:line section[i]}
   * @param seriesQuery the rule's seriesQuery
   * @param seriesMatched series the query returned
   * @param seriesKept series that produced at least one metric
   * @param metrics the metrics produced, sorted (custom: by resource, then name)
   * @param dropped series that produced nothing, by reason, most frequent first
   * @param unserved series that produced metrics for some resources but not for namespaced ones,
   *     because the rule has no namespace label
   */
  public record RuleReport(
      String rule,
      String seriesQuery,
      long seriesMatched,
      long seriesKept,
      List<Metric> metrics,
      List<Drop> dropped,
      List<Drop> unserved) {
    public RuleReport {
      metrics = List.copyOf(metrics);
      dropped = List.copyOf(dropped);
      unserved = List.copyOf(unserved);
    }
  }

  /**
   * A metric produced by more than one rule or series.
   *
   * @param metric {@code resource/name} for custom metrics, the name for external ones
   * @param external whether it is an external metric
   * @param namespaced custom metrics: whether the resource is namespaced; false for external ones
   * @param servedBy the source the adapter serves (the first, in rule then series order)
   * @param alsoProducedBy up to {@link #MAX_EXAMPLES} of the other sources, in discovery order
   * @param alsoProducedByCount how many other sources there are
   */
  public record Duplicate(
      String metric,
      boolean external,
      boolean namespaced,
      Source servedBy,
      List<Source> alsoProducedBy,
      long alsoProducedByCount) {
    public Duplicate {
      alsoProducedBy = List.copyOf(alsoProducedBy);
    }
  }

  private final List<RuleReport> rules;
  private final List<Duplicate> duplicates;
  private final List<String> warnings;
  private final int servedMetrics;
  private final int servedExternalMetrics;

  private DiscoveryReport(
      List<RuleReport> rules,
      List<Duplicate> duplicates,
      List<String> warnings,
      int servedMetrics,
      int servedExternalMetrics) {
    this.rules = List.copyOf(rules);
    this.duplicates = List.copyOf(duplicates);
    this.warnings = List.copyOf(warnings);
    this.servedMetrics = servedMetrics;
    this.servedExternalMetrics = servedExternalMetrics;
  }

  /**
   * Builds the report.
   *
   * @param discovered the series of each {@code rules} entry, in rule order (as for {@link
   *     CatalogBuilder#build})
   * @param discoveredExternal the series of each {@code externalRules} entry, in rule order
   * @param mapper normalizes resource names, as for the catalog
   */
  public static DiscoveryReport build(
      List<RuleSeries> discovered, List<RuleSeries> discoveredExternal, ResourceMapper mapper) {
    MetricCatalog catalog = new CatalogBuilder(mapper).build(discovered);
    ExternalCatalog external = ExternalCatalog.build(discoveredExternal);

    List<RuleReport> reports = new ArrayList<>();
    Map<MetricKey, Producers> customProducers = new TreeMap<>();
    for (RuleSeries ruleSeries : discovered) {
      CompiledRule rule = ruleSeries.rule();
      SeriesVerdict.Classifier classifier = SeriesVerdict.Classifier.custom(rule, mapper);
      reports.add(
          ruleReport(
              ruleSeries,
              classifier,
              (produced, series) -> {
                for (MetricKey key : produced.keys()) {
                  customProducers.computeIfAbsent(key, k -> new Producers()).add(rule, series);
                }
              },
              (produced, metrics) -> {
                for (MetricKey key : produced.keys()) {
                  metrics.putIfAbsent(
                      key.toString() + "\u0000" + key.namespaced(),
                      new Metric(
                          key.metric(),
                          Optional.of(key.resource()),
                          key.namespaced(),
                          catalog.find(key).map(e -> e.rule() == rule).orElse(false)));
                }
              },
              Comparator.comparing(
                  (Metric m) ->
                      new MetricKey(m.resource().orElseThrow(), m.namespaced(), m.name()))));
    }
    Map<String, Producers> externalProducers = new TreeMap<>();
    for (RuleSeries ruleSeries : discoveredExternal) {
      CompiledRule rule = ruleSeries.rule();
      SeriesVerdict.Classifier classifier = SeriesVerdict.Classifier.external(rule);
      reports.add(
          ruleReport(
              ruleSeries,
              classifier,
              (produced, series) ->
                  externalProducers
                      .computeIfAbsent(produced.metric(), m -> new Producers())
                      .add(rule, series),
              (produced, metrics) ->
                  metrics.putIfAbsent(
                      produced.metric(),
                      new Metric(
                          produced.metric(),
                          Optional.empty(),
                          rule.namespaced(),
                          external
                              .find(produced.metric())
                              .map(e -> e.rule() == rule)
                              .orElse(false))),
              Comparator.comparing(Metric::name)));
    }

    List<Duplicate> duplicates = new ArrayList<>();
    customProducers.forEach(
        (key, producers) ->
            catalog
                .find(key)
                .filter(entry -> producers.hasOthers())
                .ifPresent(
                    entry ->
                        duplicates.add(
                            producers.duplicate(
                                key.toString(),
                                false,
                                key.namespaced(),
                                entry.rule(),
                                entry.seriesName()))));
    externalProducers.forEach(
        (name, producers) ->
            external
                .find(name)
                .filter(entry -> producers.hasOthers())
                .ifPresent(
                    entry ->
                        duplicates.add(
                            producers.duplicate(
                                name, true, false, entry.rule(), entry.seriesName()))));

    List<String> warnings = new ArrayList<>(catalog.warnings());
    warnings.addAll(external.warnings());
    return new DiscoveryReport(
        reports, duplicates, warnings, catalog.entries().size(), external.entries().size());
  }

  private interface ProducerSink {
    void accept(SeriesVerdict.Produced produced, String seriesName);
  }

  private interface MetricSink {
    void accept(SeriesVerdict.Produced produced, Map<String, Metric> metrics);
  }

  private static RuleReport ruleReport(
      RuleSeries ruleSeries,
      SeriesVerdict.Classifier classifier,
      ProducerSink producers,
      MetricSink metricSink,
      Comparator<Metric> order) {
    Map<String, Metric> metrics = new HashMap<>();
    Map<String, Reasons> dropped = new LinkedHashMap<>();
    Map<String, Reasons> unserved = new LinkedHashMap<>();
    long kept = 0;
    for (Series series : ruleSeries.series()) {
      SeriesVerdict verdict = classifier.classify(series);
      if (verdict instanceof SeriesVerdict.Produced produced) {
        kept++;
        producers.accept(produced, series.name());
        metricSink.accept(produced, metrics);
        if (!produced.unserved().isEmpty()) {
          SeriesVerdict.Dropped partial =
              new SeriesVerdict.Dropped(
                  SeriesVerdict.Reason.NO_NAMESPACE_LABEL,
                  String.join(
                      ", ", produced.unserved().stream().map(GroupResource::toString).toList()));
          unserved
              .computeIfAbsent(partial.describe(), r -> new Reasons())
              .add(series.name(), partial);
        }
      } else {
        SeriesVerdict.Dropped drop = (SeriesVerdict.Dropped) verdict;
        // Label sets vary from series to series; one line per reason, listing every label seen.
        String key =
            drop.reason() == SeriesVerdict.Reason.NO_RESOURCE_LABEL
                ? drop.reason().name()
                : drop.describe();
        dropped.computeIfAbsent(key, r -> new Reasons()).add(series.name(), drop);
      }
    }
    List<Metric> sorted = new ArrayList<>(metrics.values());
    sorted.sort(order);
    return new RuleReport(
        ruleSeries.rule().origin().toString(),
        ruleSeries.rule().seriesQuery(),
        ruleSeries.series().size(),
        kept,
        sorted,
        Reasons.drops(dropped),
        Reasons.drops(unserved));
  }

  /** Series counted under one reason. */
  private static final class Reasons {
    private SeriesVerdict.Dropped first;
    private final Set<String> labels = new TreeSet<>();
    private final Set<String> examples = new LinkedHashSet<>();
    private long count;

    void add(String seriesName, SeriesVerdict.Dropped drop) {
      if (first == null) {
        first = drop;
      }
      count++;
      if (examples.size() < MAX_EXAMPLES) {
        examples.add(seriesName);
      }
      if (drop.reason() == SeriesVerdict.Reason.NO_RESOURCE_LABEL
          && !drop.detail().equals("none")) {
        labels.addAll(List.of(drop.detail().split(", ")));
      }
    }

    Drop drop() {
      String reason = first.describe();
      if (first.reason() == SeriesVerdict.Reason.NO_RESOURCE_LABEL) {
        reason = new SeriesVerdict.Dropped(first.reason(), labelList()).describe();
      }
      return new Drop(reason, count, List.copyOf(examples));
    }

    private String labelList() {
      if (labels.isEmpty()) {
        return "none";
      }
      List<String> names = new ArrayList<>(labels);
      if (names.size() <= MAX_LABELS) {
        return String.join(", ", names);
      }
      return String.join(", ", names.subList(0, MAX_LABELS))
          + ", ... ("
          + (names.size() - MAX_LABELS)
          + " more)";
    }

    /** Most frequent first; ties in the order first seen. */
    static List<Drop> drops(Map<String, Reasons> reasons) {
      List<Drop> drops = new ArrayList<>();
      reasons.values().forEach(r -> drops.add(r.drop()));
      drops.sort(Comparator.comparingLong(Drop::count).reversed());
      return drops;
    }
  }

  /** The distinct (rule, series name) pairs producing one metric, first one apart. */
  private static final class Producers {
    private CompiledRule firstRule;
    private String firstSeries;
    private final Set<Producer> others = new LinkedHashSet<>();

    /** Records compare rules by identity: {@link CompiledRule} does not override equals. */
    private record Producer(CompiledRule rule, String series) {}

    void add(CompiledRule rule, String series) {
      if (firstRule == null) {
        firstRule = rule;
        firstSeries = series;
      } else if (!(firstRule == rule && firstSeries.equals(series))) {
        others.add(new Producer(rule, series));
      }
    }

    boolean hasOthers() {
      return !others.isEmpty();
    }

    Duplicate duplicate(
        String metric,
        boolean external,
        boolean namespaced,
        CompiledRule servedRule,
        String servedSeries) {
      List<Source> sources = new ArrayList<>();
      long count = 0;
      // The catalog decides who serves; everyone else is listed as a further source.
      Producer served = new Producer(servedRule, servedSeries);
      List<Producer> all = new ArrayList<>();
      all.add(new Producer(firstRule, firstSeries));
      all.addAll(others);
      for (Producer producer : all) {
        if (producer.equals(served)) {
          continue;
        }
        count++;
        if (sources.size() < MAX_EXAMPLES) {
          sources.add(new Source(producer.rule().origin().toString(), producer.series()));
        }
      }
      return new Duplicate(
          metric,
          external,
          namespaced,
          new Source(servedRule.origin().toString(), servedSeries),
          sources,
          count);
    }
  }

  /** Per rule, {@code rules} first, then {@code externalRules}, each in rule order. */
  public List<RuleReport> rules() {
    return rules;
  }

  /** Metrics defined more than once, custom (by key) then external (by name). */
  public List<Duplicate> duplicates() {
    return duplicates;
  }

  /** The catalogs' warnings, as the adapter would log them at discovery. */
  public List<String> warnings() {
    return warnings;
  }

  /** How many custom metrics (resource and name) would be served. */
  public int servedMetrics() {
    return servedMetrics;
  }

  /** How many external metrics would be served. */
  public int servedExternalMetrics() {
    return servedExternalMetrics;
  }
}
