package dev.metricsadapter.diagnostics;

import dev.metricsadapter.catalog.CatalogBuilder;
import dev.metricsadapter.catalog.ExternalCatalog;
import dev.metricsadapter.catalog.MetricCatalog;
import dev.metricsadapter.provider.DiscoveredSeries;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.RuleCompiler;
import dev.metricsadapter.rules.RuleConfigParser;
import dev.metricsadapter.rules.RuleDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A discovery for the diagnostics' tests: rules compiled from one file {@code r.yaml}, and what
 * discovery kept of the series listed for one seriesQuery {@code q}.
 */
final class Discovered {

  static final ResourceMapper MAPPER = new BuiltinResourceMapper();

  private final DiscoveredSeries.Builder answer = new DiscoveredSeries.Builder();

  /** The rules of {@code yaml}. */
  static CompiledRules rules(String yaml) {
    return new RuleCompiler(MAPPER)
        .compile(new RuleConfigParser().parse(List.of(new RuleDocument("r.yaml", yaml))));
  }

  /** Lists one more series for {@code q}. */
  Discovered list(Map<String, String> labels) {
    answer.add(labels);
    return this;
  }

  /** What discovery kept, by seriesQuery. */
  Map<String, DiscoveredSeries> byQuery() {
    return Map.of("q", answer.build());
  }

  /** The discovery's snapshot, with the catalogs {@code rules} make of what was listed. */
  DiscoverySnapshot snapshot(CompiledRules rules) {
    DiscoverySnapshot series = snapshot(MetricCatalog.EMPTY, ExternalCatalog.EMPTY);
    return snapshot(
        new CatalogBuilder(MAPPER).build(series.seriesOf(rules.rules())),
        ExternalCatalog.build(series.seriesOf(rules.externalRules())));
  }

  private DiscoverySnapshot snapshot(MetricCatalog catalog, ExternalCatalog external) {
    return new DiscoverySnapshot(
        catalog, external, byQuery(), Instant.EPOCH, Duration.ZERO, Map.of());
  }
}
