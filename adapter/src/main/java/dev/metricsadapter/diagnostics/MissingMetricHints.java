package dev.metricsadapter.diagnostics;

import dev.metricsadapter.catalog.CatalogEntry;
import dev.metricsadapter.catalog.ExternalCatalog;
import dev.metricsadapter.catalog.MetricKey;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Why a metric is not served, for {@code explain}: where a metric of that name is served instead,
 * the served metrics with the closest names, and what each rule made of the series it discovered
 * (series matched, metrics produced, series dropped and why; counted in series, as {@code check}
 * counts them). Built from the latest discovery and the current rules. The rule reports classify
 * every discovered shape, so the work grows with their number: call it from a worker thread, never
 * an event loop. Thread-safe.
 */
public final class MissingMetricHints {

  /** How many closest names are suggested. */
  public static final int MAX_SUGGESTIONS = 5;

  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  /**
   * The hints for one metric name.
   *
   * @param servedFor where a metric of exactly that name is served ({@code pods/m}, or the name for
   *     an external metric)
   * @param closest up to {@link #MAX_SUGGESTIONS} served metrics with the closest names, closest
   *     first, as they are listed in discovery
   * @param rules what each rule of the API's section ({@code rules} or {@code externalRules}) made
   *     of its series, in rule order
   */
  public record Hints(
      List<String> servedFor, List<String> closest, List<DiscoveryReport.RuleReport> rules) {
    public Hints {
      servedFor = List.copyOf(servedFor);
      closest = List.copyOf(closest);
      rules = List.copyOf(rules);
    }
  }

  private final Supplier<DiscoverySnapshot> snapshot;
  private final Supplier<CompiledRules> rules;
  private final ResourceMapper mapper;

  /**
   * @param snapshot the latest discovery
   * @param rules the rules currently served
   * @param mapper normalizes resource names, as discovery does
   */
  public MissingMetricHints(
      Supplier<DiscoverySnapshot> snapshot, Supplier<CompiledRules> rules, ResourceMapper mapper) {
    this.snapshot = snapshot;
    this.rules = rules;
    this.mapper = mapper;
  }

  /** Hints for the custom metric {@code metric}. */
  public Hints custom(String metric) {
    DiscoverySnapshot current = snapshot.get();
    List<MetricKey> keys = current.catalog().entries().stream().map(CatalogEntry::key).toList();
    DiscoveryReport report =
        DiscoveryReport.build(current.seriesOf(rules.get().rules()), List.of(), mapper);
    return new Hints(
        keys.stream().filter(k -> k.metric().equals(metric)).map(MetricKey::toString).toList(),
        closest(metric, keys.stream().map(k -> new Named(k.metric(), k.toString()))),
        report.rules());
  }

  /** Hints for the external metric {@code metric}. */
  public Hints external(String metric) {
    DiscoverySnapshot current = snapshot.get();
    List<String> names =
        current.external().entries().stream().map(ExternalCatalog.Entry::metric).toList();
    DiscoveryReport report =
        DiscoveryReport.build(List.of(), current.seriesOf(rules.get().externalRules()), mapper);
    return new Hints(
        names.stream().filter(metric::equals).toList(),
        closest(metric, names.stream().map(name -> new Named(name, name))),
        report.rules());
  }

  /** A served metric: its name, and how it is listed. */
  private record Named(String name, String listed) {}

  /** A suggestion: how far its name is from the one asked for. */
  private record Candidate(int distance, String listed) {}

  private static List<String> closest(String metric, Stream<Named> served) {
    return served
        .filter(named -> !named.name().equals(metric))
        .map(named -> new Candidate(DISTANCE.apply(metric, named.name()), named.listed()))
        .sorted(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::listed))
        .limit(MAX_SUGGESTIONS)
        .map(Candidate::listed)
        .toList();
  }
}
