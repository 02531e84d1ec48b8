package dev.metricsadapter.provider;

import dev.metricsadapter.prometheus.InstantQueries;
import dev.metricsadapter.prometheus.QueryResult;
import dev.metricsadapter.rules.CompiledRule;
import io.vertx.core.Future;
import java.time.Instant;

/** How the metric services send a rule's expanded query. Stateless. */
final class RuleQueries {

  private RuleQueries() {}

  /**
   * Evaluates {@code promql} at {@code time}, shown to {@code trace}; a query Prometheus refuses
   * fails with a {@link RefusedQueryException} naming {@code rule} and {@code metric}.
   */
  static Future<QueryResult> send(
      InstantQueries prometheus,
      QueryTrace trace,
      Instant time,
      CompiledRule rule,
      String metric,
      String promql) {
    return trace.query(
        promql,
        prometheus.query(promql, time).recover(RefusedQueryException.naming(rule, metric, promql)));
  }
}
