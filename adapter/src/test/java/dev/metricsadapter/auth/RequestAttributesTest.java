package dev.metricsadapter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.auth.RequestAttributes.NonResource;
import dev.metricsadapter.auth.RequestAttributes.Resource;
import dev.metricsadapter.request.RequestPath;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Kubernetes' RequestInfo rules, per wire-format.md's attribute table. */
class RequestAttributesTest {

  static Stream<Arguments> requests() {
    String custom = "custom.metrics.k8s.io";
    return Stream.of(
        Arguments.of(
            "pods_wildcard",
            "/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/pods/*/http_requests",
            new Resource("get", custom, "v1beta2", "pods", "http_requests", "*", "default")),
        Arguments.of(
            "object",
            "/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/deployments.apps/web/rps",
            new Resource("get", custom, "v1beta2", "deployments.apps", "rps", "web", "default")),
        Arguments.of(
            "namespace_metric",
            "/apis/custom.metrics.k8s.io/v1beta1/namespaces/default/metrics/queue_len",
            new Resource("get", custom, "v1beta1", "metrics", "", "queue_len", "default")),
        Arguments.of(
            "cluster_scoped",
            "/apis/custom.metrics.k8s.io/v1beta2/nodes/node-1/load",
            new Resource("get", custom, "v1beta2", "nodes", "load", "node-1", "")),
        Arguments.of(
            "external_is_list",
            "/apis/external.metrics.k8s.io/v1beta1/namespaces/default/s0-prometheus",
            new Resource(
                "list", "external.metrics.k8s.io", "v1beta1", "s0-prometheus", "", "", "default")),
        Arguments.of(
            "resource_metrics_list",
            "/apis/metrics.k8s.io/v1beta1/namespaces/demo/pods",
            new Resource("list", "metrics.k8s.io", "v1beta1", "pods", "", "", "demo")),
        Arguments.of(
            "resource_metrics_get",
            "/apis/metrics.k8s.io/v1beta1/nodes/node-1",
            new Resource("get", "metrics.k8s.io", "v1beta1", "nodes", "", "node-1", "")),
        Arguments.of(
            "namespace_object",
            "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo",
            new Resource("get", custom, "v1beta2", "namespaces", "", "demo", "demo")),
        Arguments.of(
            "core_nodes", "/api/v1/nodes", new Resource("list", "", "v1", "nodes", "", "", "")),
        Arguments.of(
            "discovery_version",
            "/apis/custom.metrics.k8s.io/v1beta2",
            new NonResource("get", "/apis/custom.metrics.k8s.io/v1beta2")),
        Arguments.of("discovery_root", "/apis", new NonResource("get", "/apis")),
        Arguments.of("core_discovery", "/api", new NonResource("get", "/api")),
        Arguments.of("health", "/healthz", new NonResource("get", "/healthz")),
        Arguments.of("metrics", "/metrics", new NonResource("get", "/metrics")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void derivesWhatAKubernetesApiServerWould(String name, String path, RequestAttributes expected) {
    assertEquals(expected, RequestAttributes.of("GET", RequestPath.parse(path)));
  }
}
