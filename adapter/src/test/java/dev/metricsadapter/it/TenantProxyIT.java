package dev.metricsadapter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metricsadapter.testing.AdapterProcess;
import dev.metricsadapter.testing.DemoData;
import dev.metricsadapter.testing.PrometheusProxy;
import dev.metricsadapter.testing.RealPrometheus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
    PrometheusProxy gateway = PrometheusProxy.start(vertx, prometheus.url(), TenantProxyIT::admit);
    adapter =
        AdapterProcess.start(
            dir,
            List.of(
                "--config=" + Path.of("..", "rules", "demo.yaml").toAbsolutePath(),
                "--prometheus-url=http://127.0.0.1:" + gateway.port() + "/prometheus?tenant=a",
                "--prometheus-header=X-Scope-OrgID=team-a",
                "--kubeconfig=none"));
  }

  /** Lets through requests for tenant a under /prometheus, without the prefix; 401 otherwise. */
  private static Future<Optional<String>> admit(HttpServerRequest request) {
    String tenant = request.getHeader("X-Scope-OrgID");
    seen.add(request.method() + " " + request.path() + " tenant=" + tenant + " " + request.query());
    if (!"team-a".equals(tenant)
        || !request.path().startsWith("/prometheus/api/v1/")
        || !"a".equals(request.getParam("tenant"))) {
      request.response().setStatusCode(401).end("no tenant");
      return Future.succeededFuture(Optional.empty());
    }
    return Future.succeededFuture(Optional.of(request.uri().substring("/prometheus".length())));
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
