package dev.metricsadapter.observability;

import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.prometheus.PrometheusClient;
import dev.metricsadapter.prometheus.QueryResult;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** A {@link PrometheusClient} that counts and times every call of the one it wraps. */
public record InstrumentedPrometheusClient(PrometheusClient delegate, AdapterMetrics metrics)
    implements PrometheusClient {

  @Override
  public Future<Void> series(String match, Instant start, Consumer<Map<String, String>> sink) {
    return timed("series", delegate.series(match, start, sink));
  }

  @Override
  public Future<QueryResult> query(String promql, Instant time) {
    return timed("query", delegate.query(promql, time));
  }

  private <T> Future<T> timed(String endpoint, Future<T> call) {
    long started = System.nanoTime();
    return call.onComplete(
        done ->
            metrics.prometheusCall(
                endpoint,
                done.succeeded() ? "success" : outcome(done.cause()),
                (System.nanoTime() - started) / 1e9));
  }

  private static String outcome(Throwable failure) {
    return failure instanceof AdapterException known
        ? known.kind().name().toLowerCase(Locale.ROOT)
        : "error";
  }
}
