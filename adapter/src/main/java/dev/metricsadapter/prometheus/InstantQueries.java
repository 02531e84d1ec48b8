package dev.metricsadapter.prometheus;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * Instant queries against Prometheus' HTTP API ({@code /api/v1/query}): what the request path
 * needs, and the only role the query-path policies ({@link QueryPath}) decorate. Implementations
 * never block the calling event loop, put a deadline on every call, and fail futures with a {@link
 * PrometheusException}.
 */
@FunctionalInterface
public interface InstantQueries {

  /** Evaluates an instant query at {@code time}. */
  Future<QueryResult> query(String promql, Instant time);
}
