package dev.metricsadapter.it;

import static dev.metricsadapter.testing.AdapterUnderTest.RULES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.testing.AdapterUnderTest;
import dev.metricsadapter.testing.Futures;
import dev.metricsadapter.testing.PrometheusProxy;
import dev.metricsadapter.testing.RealPrometheus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A multi-tenant gateway in front of Prometheus, as Mimir or Cortex expose it: it serves the API
 * under {@code /prometheus}, requires {@code X-Scope-OrgID: team-a} and a {@code tenant=a} query
 * parameter, and forwards to the real Prometheus. The adapter reaches it through {@code
 * --prometheus-url} with a path prefix and query string, and {@code --prometheus-header}.
 */
class TenantProxyIT {

  @RegisterExtension
  static final AdapterUnderTest stack =
      AdapterUnderTest.withRules(RULES.resolve("demo.yaml"))
          .flags(starting -> List.of("--prometheus-url=" + gatewayInFrontOf(starting.prometheus())))
          .flags("--prometheus-header=X-Scope-OrgID=team-a");

  private static final Vertx vertx = Vertx.vertx();
  private static final List<String> seen = new CopyOnWriteArrayList<>();

  /** The URL under which the gateway serves tenant a's Prometheus API. */
  private static String gatewayInFrontOf(RealPrometheus prometheus) throws Exception {
    PrometheusProxy gateway = PrometheusProxy.start(vertx, prometheus.url(), TenantProxyIT::admit);
    return gateway.url() + "/prometheus?tenant=a";
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
  static void closeGateway() {
    Futures.await(vertx.close());
  }

  @Test
  void discoveryAndQueriesCarryThePrefixTheQueryStringAndTheTenantHeader() throws Exception {
    var response =
        stack
            .adapter()
            .get(
                "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second"
                    + "?labelSelector=app%3Dweb");
    assertEquals(200, response.statusCode(), response.body() + "\n" + stack.adapter().log());
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
