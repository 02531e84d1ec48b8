package dev.metricsadapter.provider;

import dev.metricsadapter.prometheus.QueryResult;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * Observes how a service answers one request, for {@code explain}: the request as parsed, the rule
 * that matched, the objects listed, and every PromQL query with its raw result. Services call it in
 * that order; a step that is not reached is not reported. Every method does nothing by default, and
 * {@link #NONE} is what ordinary requests use. An implementation observes one request at a time.
 */
public interface QueryTrace {

  /** Observes nothing. */
  QueryTrace NONE = new QueryTrace() {};

  /**
   * The request as the service understood it.
   *
   * @param fields field name to value, in a stable order; absent fields are left out
   */
  default void parsed(Map<String, String> fields) {}

  /**
   * The rule that serves the request.
   *
   * @param rule where the rule was written ({@code file:line section[i]})
   * @param details what the rule contributes (series name, labels used), in a stable order
   */
  default void matched(String rule, Map<String, String> details) {}

  /** The objects listed for a request about every object matching a label selector. */
  default void objects(List<String> names) {}

  /**
   * A query sent to Prometheus.
   *
   * @param promql the query exactly as sent
   * @param result its pending result
   * @return {@code result}, for chaining
   */
  default Future<QueryResult> query(String promql, Future<QueryResult> result) {
    return result;
  }
}
