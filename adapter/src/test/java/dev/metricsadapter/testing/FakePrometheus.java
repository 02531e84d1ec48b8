package dev.metricsadapter.testing;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Vert.x HTTP(S) server on a loopback ephemeral port standing in for Prometheus. */
public final class FakePrometheus {

  /** One request as received; {@code form} is empty unless it was a form POST. */
  public record Recorded(
      HttpMethod method,
      String path,
      String rawQuery,
      MultiMap query,
      MultiMap form,
      MultiMap headers) {

    /** A parameter from the form, or else from the query string. */
    public String param(String name) {
      return form.contains(name) ? form.get(name) : query.get(name);
    }
  }

  private final HttpServer server;
  private final String scheme;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile Handler<HttpServerRequest> responder =
      request -> request.response().setStatusCode(404).end();

  private FakePrometheus(Vertx vertx, HttpServerOptions options) {
    this.scheme = options.isSsl() ? "https" : "http";
    this.server =
        vertx
            .createHttpServer(options.setHost("127.0.0.1").setPort(0))
            .requestHandler(this::handle);
  }

  public static FakePrometheus start(Vertx vertx) {
    return start(vertx, new HttpServerOptions());
  }

  public static FakePrometheus start(Vertx vertx, HttpServerOptions options) {
    FakePrometheus fake = new FakePrometheus(vertx, options);
    Futures.await(fake.server.listen());
    return fake;
  }

  /** Answers every request with {@code status} and {@code body}. */
  public FakePrometheus respond(int status, String body) {
    return respond(
        request ->
            request
                .response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body));
  }

  /** Answers every request with {@code handler} (called after the request body was read). */
  public FakePrometheus respond(Handler<HttpServerRequest> handler) {
    this.responder = handler;
    return this;
  }

  public int port() {
    return server.actualPort();
  }

  /** The URL of this server followed by {@code pathAndQuery} (may be empty). */
  public URI url(String pathAndQuery) {
    return URI.create(scheme + "://127.0.0.1:" + port() + pathAndQuery);
  }

  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  public Recorded last() {
    return requests.get(requests.size() - 1);
  }

  private void handle(HttpServerRequest request) {
    request
        .body()
        .onSuccess(
            body -> {
              String contentType = request.getHeader("Content-Type");
              MultiMap form =
                  contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                      ? decode(body.toString(StandardCharsets.UTF_8))
                      : MultiMap.caseInsensitiveMultiMap();
              requests.add(
                  new Recorded(
                      request.method(),
                      request.path(),
                      request.query(),
                      decode(request.query()),
                      form,
                      MultiMap.caseInsensitiveMultiMap().addAll(request.headers())));
              responder.handle(request);
            });
  }

  public static MultiMap decode(String encoded) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.add(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }
}
