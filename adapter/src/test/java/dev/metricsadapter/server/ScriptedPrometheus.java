package dev.metricsadapter.server;

import dev.metricsadapter.prometheus.PrometheusClient;
import dev.metricsadapter.prometheus.QueryResult;
import dev.metricsadapter.testing.SeriesMatchers;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A {@link PrometheusClient} answering queries from a script and series calls from a list of series
 * selected as Prometheus would by the matchers of {@code match[]}; records every query and match.
 */
final class ScriptedPrometheus implements PrometheusClient {

  final List<String> queries = new ArrayList<>();
  final List<String> matches = new ArrayList<>();
  private final List<Map<String, String>> series = new ArrayList<>();
  private final Map<String, Future<QueryResult>> answers = new ConcurrentHashMap<>();
  private Future<QueryResult> otherwise =
      Future.succeededFuture(new QueryResult(QueryResult.Type.VECTOR, List.of()));

  ScriptedPrometheus answer(String promql, QueryResult result) {
    answers.put(promql, Future.succeededFuture(result));
    return this;
  }

  /** Adds a series, {@code __name__} included, for series calls to select from. */
  ScriptedPrometheus series(Map<String, String> labels) {
    series.add(Map.copyOf(labels));
    return this;
  }

  ScriptedPrometheus failAll(Throwable failure) {
    otherwise = Future.failedFuture(failure);
    return this;
  }

  ScriptedPrometheus answerAll(QueryResult result) {
    otherwise = Future.succeededFuture(result);
    return this;
  }

  @Override
  public synchronized Future<Void> series(
      String match, Instant start, Consumer<Map<String, String>> sink) {
    matches.add(match);
    SeriesMatchers selector = SeriesMatchers.of(match);
    series.stream().filter(selector::selects).forEach(sink);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<QueryResult> query(String promql, Instant time) {
    queries.add(promql);
    return answers.getOrDefault(promql, otherwise);
  }

  static QueryResult vector(QueryResult.Sample... samples) {
    return new QueryResult(QueryResult.Type.VECTOR, List.of(samples));
  }

  static QueryResult.Sample sample(Map<String, String> labels, String value) {
    return new QueryResult.Sample(labels, Instant.parse("2026-08-21T10:15:30.500Z"), value);
  }
}
