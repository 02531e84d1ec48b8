package dev.metricsadapter.hostile;

import dev.metricsadapter.testing.SeriesMatchers;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in Prometheus on a free loopback port that records every request (query-string and form
 * parameters alike, so GET and POST queries both count) and answers {@code /api/v1/series} with
 * those of a few series for {@code rules/demo.yaml} that {@code match[]} selects, and {@code
 * /api/v1/query} with an empty vector. Any other path is recorded and answered 404.
 */
final class RecordingPrometheus implements AutoCloseable {

  /** One request as the adapter sent it. */
  record Recorded(String method, String path, Map<String, List<String>> params) {
    List<String> all(String name) {
      return params.getOrDefault(name, List.of());
    }
  }

  private static final JsonArray SERIES =
      new JsonArray()
          .add(series("web-1", "web", "200"))
          .add(series("web-2", "web", "200"))
          .add(series("web-2", "web", "500"));

  private final Vertx vertx;
  private final HttpServer server;
  private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

  private RecordingPrometheus(Vertx vertx) throws Exception {
    this.vertx = vertx;
    this.server =
        vertx
            .createHttpServer()
            .requestHandler(this::handle)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  static RecordingPrometheus start() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      return new RecordingPrometheus(vertx);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }

  int port() {
    return server.actualPort();
  }

  List<Recorded> recorded() {
    return List.copyOf(recorded);
  }

  private static Map<String, String> labels(JsonObject series) {
    Map<String, String> labels = new HashMap<>();
    series.forEach(label -> labels.put(label.getKey(), (String) label.getValue()));
    return labels;
  }

  private static JsonObject series(String pod, String app, String code) {
    return new JsonObject()
        .put("__name__", "http_requests_total")
        .put("namespace", "demo")
        .put("pod", pod)
        .put("service", "demo-app")
        .put("app", app)
        .put("code", code);
  }

  private void handle(HttpServerRequest request) {
    // The adapter POSTs long queries as a form; decode the body ourselves (no size limits).
    request
        .body()
        .onSuccess(
            body -> {
              Map<String, List<String>> copy = new java.util.TreeMap<>();
              request
                  .params()
                  .forEach(
                      e ->
                          copy.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                              .add(e.getValue()));
              if (body.length() > 0) {
                new QueryStringDecoder(
                        body.toString(StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8,
                        false,
                        100_000)
                    .parameters()
                    .forEach((k, v) -> copy.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
              }
              recorded.add(new Recorded(request.method().name(), request.path(), copy));
              JsonObject answer;
              if (request.path().equals("/api/v1/series")) {
                SeriesMatchers selector =
                    SeriesMatchers.of(String.join("", copy.getOrDefault("match[]", List.of())));
                JsonArray selected = new JsonArray();
                SERIES.stream()
                    .map(JsonObject.class::cast)
                    .filter(series -> selector.selects(labels(series)))
                    .forEach(selected::add);
                answer = new JsonObject().put("status", "success").put("data", selected);
              } else if (request.path().equals("/api/v1/query")) {
                answer =
                    new JsonObject()
                        .put("status", "success")
                        .put(
                            "data",
                            new JsonObject()
                                .put("resultType", "vector")
                                .put("result", new JsonArray()));
              } else {
                request
                    .response()
                    .setStatusCode(404)
                    .putHeader("Content-Type", "application/json")
                    .end(
                        new JsonObject()
                            .put("status", "error")
                            .put("errorType", "not_found")
                            .put("error", "no such endpoint")
                            .encode());
                return;
              }
              request.response().putHeader("Content-Type", "application/json").end(answer.encode());
            });
  }

  @Override
  public void close()
      throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
