package dev.metricsadapter.diagnostics;

import dev.metricsadapter.catalog.MetricKey;
import dev.metricsadapter.catalog.SeriesVerdict;
import dev.metricsadapter.catalog.SeriesVerdict.Association;
import dev.metricsadapter.rules.CompiledRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What sets the report's two sections of rules apart: custom metrics ({@code rules}) are known by
 * {@link MetricKey}, external ones ({@code externalRules}) by name.
 *
 * @param <K> how the section's catalog knows a metric; its natural order is the report's order
 */
interface Section<K extends Comparable<K>> {

  /** The metrics of the {@code rules} section: every served association. */
  Section<MetricKey> RULES =
      new Section<>() {
        @Override
        public List<MetricKey> metrics(SeriesVerdict.Produced produced) {
          List<MetricKey> keys = new ArrayList<>();
          for (Association association : produced.associations()) {
            if (association.served()) {
              keys.add(association.key());
            }
          }
          return keys;
        }

        @Override
        public DiscoveryReport.Metric metric(MetricKey key, CompiledRule rule, boolean served) {
          return new DiscoveryReport.Metric(
              key.metric(), Optional.of(key.resource()), key.namespaced(), served);
        }

        @Override
        public DiscoveryReport.Duplicate duplicate(
            MetricKey key, DiscoveryReport.Source servedBy, List<DiscoveryReport.Source> others) {
          return DiscoveryReport.Duplicate.of(
              key.toString(), false, key.namespaced(), servedBy, others);
        }
      };

  /** The metrics of the {@code externalRules} section: the metric name. */
  Section<String> EXTERNAL_RULES =
      new Section<>() {
        @Override
        public List<String> metrics(SeriesVerdict.Produced produced) {
          return List.of(produced.metric());
        }

        @Override
        public DiscoveryReport.Metric metric(String name, CompiledRule rule, boolean served) {
          return new DiscoveryReport.Metric(name, Optional.empty(), rule.namespaced(), served);
        }

        @Override
        public DiscoveryReport.Duplicate duplicate(
            String name, DiscoveryReport.Source servedBy, List<DiscoveryReport.Source> others) {
          return DiscoveryReport.Duplicate.of(name, true, false, servedBy, others);
        }
      };

  /** The metrics {@code produced} registers. */
  List<K> metrics(SeriesVerdict.Produced produced);

  /** {@code metric} as {@code rule}'s report lists it. */
  DiscoveryReport.Metric metric(K metric, CompiledRule rule, boolean served);

  /**
   * {@code metric}, defined more than once.
   *
   * @param servedBy the source the catalog serves
   * @param others every other source, in discovery order
   */
  DiscoveryReport.Duplicate duplicate(
      K metric, DiscoveryReport.Source servedBy, List<DiscoveryReport.Source> others);
}
