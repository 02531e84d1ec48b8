package dev.metricsadapter.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.metricsadapter.failure.BadRequestException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {

  @Test
  void aNamespacedMetricPathNamesItsObjectAndMetric() {
    RequestPath path =
        RequestPath.parse(
            "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/%2A/http_requests");
    assertEquals(
        Optional.of(
            new RequestPath.ApiResource(
                "custom.metrics.k8s.io",
                "v1beta2",
                "demo",
                "pods",
                "*",
                "http_requests",
                List.of("namespaces", "demo", "pods", "*", "http_requests"))),
        path.resource());
    assertEquals(Optional.of("custom.metrics.k8s.io"), path.group());
    assertEquals(Optional.of("v1beta2"), path.version());
    assertEquals("http_requests", path.last());
  }

  @Test
  void aNamespaceMetricIsTheMetricsResourceOfThatNamespace() {
    RequestPath.ApiResource object =
        RequestPath.parse("/apis/custom.metrics.k8s.io/v1beta1/namespaces/demo/metrics/m")
            .resource()
            .orElseThrow();
    assertEquals(List.of("demo", "metrics", "m", ""), fields(object));
  }

  @Test
  void theCoreGroupIsEmptyAndItsVersionFollowsApi() {
    RequestPath path = RequestPath.parse("/api/v1/nodes");
    assertEquals(
        List.of("", "nodes", "", ""),
        List.of(
            path.resource().orElseThrow().group(),
            path.resource().orElseThrow().resource(),
            path.resource().orElseThrow().name(),
            path.resource().orElseThrow().namespace()));
    assertEquals("v1", path.resource().orElseThrow().version());
    assertEquals(Optional.empty(), path.group());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/", "/healthz", "/apis", "/apis/custom.metrics.k8s.io/v1beta2", "/api/v1"})
  void healthAndDiscoveryPathsNameNoObject(String raw) {
    assertEquals(Optional.empty(), RequestPath.parse(raw).resource());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/apis/%zz", "/apis/a%2Fb", "/apis/../x", "/apis/%ff"})
  void malformedPathsAreBadRequests(String raw) {
    assertThrows(BadRequestException.class, () -> RequestPath.parse(raw));
  }

  private static List<String> fields(RequestPath.ApiResource object) {
    return List.of(object.namespace(), object.resource(), object.name(), object.subresource());
  }
}
