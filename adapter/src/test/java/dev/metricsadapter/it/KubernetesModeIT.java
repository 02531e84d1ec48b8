package dev.metricsadapter.it;

import static dev.metricsadapter.testing.AdapterUnderTest.RULES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.testing.AdapterProcess;
import dev.metricsadapter.testing.AdapterUnderTest;
import dev.metricsadapter.testing.DemoPods;
import dev.metricsadapter.testing.MetricValueLists;
import dev.metricsadapter.testing.MockKubeconfig;
import dev.metricsadapter.testing.RealPrometheus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a Kubernetes connection (fabric8's CRUD mock server standing in for the API server), the
 * objects of a wildcard request are the pods the API lists for the label selector, not the series
 * labels: a pod without samples is left out, a pod the selector does not match is never queried.
 * Without a reachable API server wildcard requests fail with 503 while by-name requests, which list
 * nothing, are still served.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesModeIT {

  static KubernetesMockServer server;
  static KubernetesClient client;

  @RegisterExtension
  final AdapterUnderTest stack =
      AdapterUnderTest.withRules(RULES.resolve("demo.yaml"))
          .flags(
              starting ->
                  List.of(
                      "--kubeconfig="
                          + MockKubeconfig.write(
                              starting.dir().resolve("kubeconfig"), server.url("/"))))
          .flags("--auth=none");

  @BeforeEach
  void createPods() {
    DemoPods.createOrUpdate(client);
  }

  private Map<String, String> values(String path) throws Exception {
    return MetricValueLists.values(new JsonObject(stack.adapter().getOk(path).body()));
  }

  @Test
  void wildcardRequestsListThePodsOfTheLabelSelectorFromKubernetes() throws Exception {
    String pods =
        "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second";
    assertEquals(Map.of("web-1", "2", "web-2", "500m"), values(pods + "?labelSelector=app%3Dweb"));
    assertEquals(Map.of("api-1", "1250m"), values(pods + "?labelSelector=app%3Dapi"));
    assertEquals(Map.of("api-1", "1250m", "web-1", "2", "web-2", "500m"), values(pods));

    HttpResponse<String> none = stack.adapter().get(pods + "?labelSelector=app%3Dnothing");
    assertEquals(404, none.statusCode(), none.body());
    assertEquals(
        "the server could not find the metric http_requests_per_second for pods: no objects in"
            + " namespace demo match the label selector app=nothing",
        new JsonObject(none.body()).getString("message"));
  }

  @Test
  void withoutTheKubernetesApiWildcardsFailWith503WhileByNameRequestsAreServed() throws Exception {
    Path unreachable =
        MockKubeconfig.write(
            stack.dir().resolve("unreachable-kubeconfig"),
            "http://127.0.0.1:" + RealPrometheus.freePort() + "/");
    AdapterProcess cut = stack.startAdapter("--kubeconfig=" + unreachable);
    String metric = "/http_requests_per_second";
    String namespace = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo";

    HttpResponse<String> wildcard = cut.get(namespace + "/pods/*" + metric);
    assertEquals(503, wildcard.statusCode(), wildcard.body());
    JsonObject status = new JsonObject(wildcard.body());
    assertEquals("ServiceUnavailable", status.getString("reason"));
    assertTrue(
        status.getString("message").startsWith("the Kubernetes API is unreachable"),
        status.getString("message"));

    HttpResponse<String> byName = cut.get(namespace + "/pods/web-1" + metric);
    assertEquals(200, byName.statusCode(), byName.body() + "\n" + cut.log());
    assertEquals(
        "2",
        new JsonObject(byName.body()).getJsonArray("items").getJsonObject(0).getString("value"));
  }
}
