package dev.metricsadapter.provider;

import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.prometheus.PrometheusException;
import dev.metricsadapter.rules.CompiledRule;
import io.vertx.core.Future;
import java.util.function.Function;

/**
 * Prometheus refused a rule's expanded query ({@link PrometheusException#isQueryRejected}): a
 * configuration fault of that rule (500). The message names the rule; the log also gets the PromQL.
 */
public final class RefusedQueryException extends AdapterException {
  private static final long serialVersionUID = 1L;

  private final String promql;

  private RefusedQueryException(CompiledRule rule, String metric, String promql, Throwable cause) {
    super(
        Kind.INTERNAL,
        "the query of rule "
            + rule
            + " for metric "
            + metric
            + " was refused: "
            + cause.getMessage(),
        cause);
    this.promql = promql;
  }

  /**
   * A recovery step for the query's future: a refusal becomes this exception, any other failure
   * passes unchanged.
   */
  static <T> Function<Throwable, Future<T>> naming(
      CompiledRule rule, String metric, String promql) {
    return failure ->
        Future.failedFuture(
            PrometheusException.isQueryRejected(failure)
                ? new RefusedQueryException(rule, metric, promql, failure)
                : failure);
  }

  @Override
  public String logDetail() {
    return getMessage() + " (PromQL: " + promql + ")";
  }
}
