package dev.metricsadapter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metricsadapter.testing.AdapterProcess;
import dev.metricsadapter.testing.DemoData;
import dev.metricsadapter.testing.RealPrometheus;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-tenant gateway in front of Prometheus, as Mimir or Cortex expose it: it serves the API
 * under {@code /prometheus}, requires {@code X-Scope-OrgID: team-a} and a {@code tenant=a} query
 * parameter, and forwards to the real Prometheus. The adapter reaches it through {@code
 * --prometheus-url} with a path prefix and query string, and {@code --prometheus-header}.
 */
class TenantProxyIT {

  @TempDir static Path dir;
  private static RealPrometheus prometheus;
  private static Vertx vertx;
  private static AdapterProcess adapter;
  private static final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealPrometheus.installed(), "Prometheus is not installed");
    prometheus = RealPrometheus.start(dir, DemoData.openMetrics(Instant.now()));
    vertx = Vertx.vertx();
    WebClient upstream = WebClient.create(vertx);
    URI target = prometheus.url();
    HttpServer gateway =
        vertx
            .createHttpServer()
            .requestHandler(request -> forward(request, upstream, target))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    adapter =
        AdapterProcess.start(
            dir,
            List.of(
                "--config=" + Path.of("..", "rules", "demo.yaml").toAbsolutePath(),
                "--prometheus-url=http://127.0.0.1:"
                    + gateway.actualPort()
                    + "/prometheus?tenant=a",
                "--prometheus-header=X-Scope-OrgID=team-a",
                "--kubeconfig=none"));
  }

  private static void forward(HttpServerRequest request, WebClient upstream, URI target) {
    request.pause();
    String tenant = request.getHeader("X-Scope-OrgID");
    seen.add(request.method() + " " + request.path() + " tenant=" + tenant + " " + request.query());
    if (!"team-a".equals(tenant)
        || !request.path().startsWith("/prometheus/api/v1/")
        || !"a".equals(request.getParam("tenant"))) {
      request.response().setStatusCode(401).end("no tenant");
      return;
    }
    request.resume();
    request
        .body()
        .compose(
            body ->
                upstream
                    .request(
                        request.method(),
                        target.getPort(),
                        target.getHost(),
                        request.uri().substring("/prometheus".length()))
                    .putHeader(
                        "Content-Type",
                        request.getHeader("Content-Type") == null
                            ? "text/plain"
                            : request.getHeader("Content-Type"))
                    .sendBuffer(body))
        .onSuccess(
            answer ->
                request
                    .response()
                    .setStatusCode(answer.statusCode())
                    .putHeader("Content-Type", "application/json")
                    .end(answer.bodyAsBuffer()))
        .onFailure(failure -> request.response().setStatusCode(502).end(failure.getMessage()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (adapter != null) {
      adapter.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void discoveryAndQueriesCarryThePrefixTheQueryStringAndTheTenantHeader() throws Exception {
    var response =
        adapter.get(
            "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second"
                + "?labelSelector=app%3Dweb");
    assertEquals(200, response.statusCode(), response.body() + "\n" + adapter.log());
    assertEquals(
        "2",
        new JsonObject(response.body()).getJsonArray("items").getJsonObject(0).getString("value"));
    assertTrue(
        seen.stream()
            .anyMatch(s -> s.startsWith("GET /prometheus/api/v1/series tenant=team-a tenant=a&")),
        seen.toString());
    assertTrue(
        seen.stream()
            .anyMatch(s -> s.startsWith("GET /prometheus/api/v1/query tenant=team-a tenant=a&")),
        seen.toString());
  }
}
