package dev.metricsadapter.provider;

import dev.metricsadapter.catalog.ExternalCatalog;
import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.prometheus.InstantQueries;
import dev.metricsadapter.prometheus.QueryResult;
import dev.metricsadapter.prometheus.QueryResult.Sample;
import dev.metricsadapter.quantity.Quantities;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledRule;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code external.metrics.k8s.io} requests: one item per series of the rule's query, the
 * request's label selector selecting series and its namespace restricting them unless the rule says
 * {@code namespaced: false}. The HPA sums the items, so a value that is not a finite number fails
 * the whole request instead of reaching it. Thread-safe; never blocks.
 */
public record ExternalMetricsService(
    Supplier<DiscoverySnapshot> snapshot,
    ResourceMapper mapper,
    InstantQueries prometheus,
    Clock clock) {

  private static final Logger LOG = LoggerFactory.getLogger(ExternalMetricsService.class);

  /**
   * The values for {@code request}, each step reported to {@code trace}; an empty list when the
   * query returns no series.
   */
  public Future<List<ExternalValue>> values(ExternalMetricRequest request, QueryTrace trace) {
    trace.parsed(request.fields());
    String promql;
    CompiledRule rule;
    try {
      ExternalCatalog.Entry entry =
          snapshot
              .get()
              .external()
              .find(request.metric())
              .orElseThrow(() -> MetricNotFoundException.external(request.metric()));
      Map<String, String> details = new LinkedHashMap<>();
      details.put("seriesQuery", entry.rule().seriesQuery());
      details.put("series", entry.seriesName());
      details.put("namespaced", String.valueOf(entry.rule().namespaced()));
      trace.matched(entry.rule().toString(), details);
      rule = entry.rule();
      promql =
          entry
              .rule()
              .externalQuery(entry.seriesName(), request.namespace(), request.selector(), mapper);
    } catch (AdapterException e) {
      return Future.failedFuture(e);
    }
    LOG.debug("{} -> {}", request, promql);
    return RuleQueries.send(prometheus, trace, clock.instant(), rule, request.metric(), promql)
        .map(result -> values(request.metric(), result));
  }

  private static List<ExternalValue> values(String metric, QueryResult result) {
    if (result.type() != QueryResult.Type.VECTOR && result.type() != QueryResult.Type.SCALAR) {
      throw new UnexpectedResultException(
          "the query for external metric "
              + metric
              + " returned a "
              + result.type().name().toLowerCase(Locale.ROOT)
              + "; it must return a vector or a scalar");
    }
    List<ExternalValue> values = new ArrayList<>();
    for (Sample sample : result.samples()) {
      values.add(
          new ExternalValue(metric, sample.labels(), sample.timestamp(), finite(metric, sample)));
    }
    return values;
  }

  private static BigDecimal finite(String metric, Sample sample) {
    if (Quantities.isNaN(sample.value()) || Quantities.isInfinite(sample.value())) {
      throw new UnexpectedResultException(
          "external metric "
              + metric
              + " is "
              + sample.value()
              + " for series "
              + new TreeMap<>(sample.labels())
              + "; refusing to answer a value the HPA would add up");
    }
    return Quantities.parsePrometheusValue(sample.value()).orElseThrow();
  }
}
