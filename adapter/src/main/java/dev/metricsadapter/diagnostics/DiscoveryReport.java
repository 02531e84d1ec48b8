package dev.metricsadapter.diagnostics;

import dev.metricsadapter.catalog.CatalogBuilder;
import dev.metricsadapter.catalog.ExternalCatalog;
import dev.metricsadapter.catalog.MetricCatalog;
import dev.metricsadapter.catalog.MetricKey;
import dev.metricsadapter.catalog.MetricSource;
import dev.metricsadapter.catalog.RuleSeries;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.ResourceMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What discovery makes of the series each rule's {@code seriesQuery} found: per rule, the series
 * matched, the metrics produced (with resource and scope), and the series dropped with the reason,
 * aggregated so that a million series give a handful of lines; plus the metrics defined twice.
 * Every count is of listed series: a shape ({@link dev.metricsadapter.catalog.Series#shapeOf})
 * counts as every series it stands for ({@link RuleSeries#counts()}), so a report of discovery's
 * shapes counts what Prometheus listed.
 *
 * <p>Built in the same pass that builds both catalogs: the report folds over the very verdicts the
 * catalogs fold over ({@link CatalogBuilder#build(List, dev.metricsadapter.catalog.VerdictFold)}),
 * and the catalogs decide which source serves a metric defined twice (first wins) and supply the
 * warnings the adapter would log. Immutable once built; {@link #build} is deterministic for a given
 * input order.
 */
public final class DiscoveryReport {

  /** Example series names kept per aggregated reason. */
  public static final int MAX_EXAMPLES = 5;

  /**
   * One producer of a metric.
   *
   * @param rule the rule, {@code file:line section[i]}
   * @param series the series name
   */
  public record Source(String rule, String series) {

    /** The source of a catalog entry. */
    static Source of(MetricSource source) {
      return new Source(source.rule().origin().toString(), source.seriesName());
    }

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

    /** A duplicate listing the first {@link #MAX_EXAMPLES} of {@code others} and counting all. */
    static Duplicate of(
        String metric, boolean external, boolean namespaced, Source servedBy, List<Source> others) {
      return new Duplicate(
          metric,
          external,
          namespaced,
          servedBy,
          others.subList(0, Math.min(others.size(), MAX_EXAMPLES)),
          others.size());
    }
  }

  private final List<RuleReport> rules;
  private final List<Duplicate> duplicates;
  private final MetricCatalog catalog;
  private final ExternalCatalog externalCatalog;
  private final List<String> warnings;

  private DiscoveryReport(
      List<RuleReport> rules,
      List<Duplicate> duplicates,
      MetricCatalog catalog,
      ExternalCatalog externalCatalog) {
    this.rules = List.copyOf(rules);
    this.duplicates = List.copyOf(duplicates);
    this.catalog = catalog;
    this.externalCatalog = externalCatalog;
    List<String> all = new ArrayList<>(catalog.warnings());
    all.addAll(externalCatalog.warnings());
    this.warnings = List.copyOf(all);
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
    SectionTally<MetricKey> custom = new SectionTally<>(Section.RULES);
    MetricCatalog catalog = new CatalogBuilder(mapper).build(discovered, custom);
    SectionTally<String> external = new SectionTally<>(Section.EXTERNAL_RULES);
    ExternalCatalog externalCatalog = ExternalCatalog.build(discoveredExternal, external);

    List<RuleReport> reports = new ArrayList<>(custom.reports(catalog::find));
    reports.addAll(external.reports(externalCatalog::find));
    List<Duplicate> duplicates = new ArrayList<>(custom.duplicates(catalog::find));
    duplicates.addAll(external.duplicates(externalCatalog::find));
    return new DiscoveryReport(reports, duplicates, catalog, externalCatalog);
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
    return catalog.entries().size();
  }

  /** How many external metrics would be served. */
  public int servedExternalMetrics() {
    return externalCatalog.entries().size();
  }

  /** The custom-metrics catalog the same pass built. */
  public MetricCatalog catalog() {
    return catalog;
  }

  /** The external-metrics catalog the same pass built. */
  public ExternalCatalog externalCatalog() {
    return externalCatalog;
  }
}
