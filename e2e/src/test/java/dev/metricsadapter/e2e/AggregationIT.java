package dev.metricsadapter.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapter as a real aggregated API: its APIServices turn Available on the real kube-apiserver,
 * what {@code kubectl get --raw} reads through the aggregator is what the adapter answers, and
 * authorization is the same on both sides (the adapter's SubjectAccessReviews carry the attributes
 * kube-apiserver's RBAC decides on).
 */
@ExtendWith(AdapterCluster.Resolver.class)
class AggregationIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GROUP = "/apis/custom.metrics.k8s.io/v1beta2";
  private static final String PODS = GROUP + "/namespaces/demo/pods/*/http_requests_per_second";

  @BeforeEach
  void demoRuns(AdapterCluster cluster) throws Exception {
    Demo.apply(cluster);
  }

  @Test
  void everyApiServiceOfTheAdapterIsAvailable(AdapterCluster cluster) throws Exception {
    for (String name :
        List.of(
            "v1beta2.custom.metrics.k8s.io",
            "v1beta1.custom.metrics.k8s.io",
            "v1beta1.external.metrics.k8s.io",
            "v1beta1.metrics.k8s.io")) {
      assertEquals(
          "True",
          cluster.kubectlOk(
              "get",
              "apiservice",
              name,
              "-o",
              "jsonpath={.status.conditions[?(@.type==\"Available\")].status}"),
          name);
    }
  }

  @Test
  void discoveryAndValuesThroughTheAggregatorAreWhatTheAdapterServes(AdapterCluster cluster)
      throws Exception {
    assertEquals(
        JSON.readTree(cluster.direct(GROUP, "admin", "system:masters").body()),
        JSON.readTree(cluster.kubectlOk("get", "--raw", GROUP)));
    // Two reads a moment apart agree once the rates are steady (no load: the demo is idle).
    await("the values through the aggregator equal the adapter's")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                withoutTimestamps(cluster.kubectlOk("get", "--raw", PODS))
                    .equals(
                        withoutTimestamps(cluster.direct(PODS, "admin", "system:masters").body())));
    JsonNode direct = JSON.readTree(cluster.direct(PODS, "admin", "system:masters").body());
    assertNotEquals(0, direct.path("items").size(), direct.toString());
  }

  @Test
  void authorizationIsTheSameThroughTheAggregatorAndAtTheAdapter(AdapterCluster cluster)
      throws Exception {
    cluster
        .admin()
        .rbac()
        .roles()
        .inNamespace("demo")
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("read-requests-per-second")
                .withNamespace("demo")
                .endMetadata()
                .addNewRule()
                .withApiGroups("custom.metrics.k8s.io")
                .withResources("pods/http_requests_per_second")
                .withVerbs("get")
                .endRule()
                .build())
        .serverSideApply();
    cluster
        .admin()
        .rbac()
        .roleBindings()
        .inNamespace("demo")
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("alice-reads-requests-per-second")
                .withNamespace("demo")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "read-requests-per-second")
                .addNewSubject()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("User")
                .withName("alice")
                .endSubject()
                .build())
        .serverSideApply();
    String other = GROUP + "/namespaces/demo/pods/*/http_errors_per_second";

    await("alice's Role applies")
        .atMost(Duration.ofSeconds(30))
        .until(() -> cluster.kubectl("get", "--raw", PODS, "--as=alice").exitCode() == 0);
    AdapterCluster.Run denied = cluster.kubectl("get", "--raw", other, "--as=alice");
    assertNotEquals(0, denied.exitCode(), denied.output());
    assertTrue(
        denied.output().contains("Forbidden") || denied.output().contains("forbidden"),
        denied.output());
    AdapterCluster.Run nobody = cluster.kubectl("get", "--raw", PODS, "--as=nobody");
    assertNotEquals(0, nobody.exitCode(), nobody.output());
    assertTrue(
        nobody.output().toLowerCase(java.util.Locale.ROOT).contains("forbidden"), nobody.output());

    // The adapter, asked directly as the aggregator would forward it, decides the same.
    HttpResponse<String> allowed = cluster.direct(PODS, "alice", "system:authenticated");
    assertEquals(200, allowed.statusCode(), allowed.body());
    HttpResponse<String> forbidden = cluster.direct(other, "alice", "system:authenticated");
    assertEquals(403, forbidden.statusCode(), forbidden.body());
    assertEquals("Forbidden", JSON.readTree(forbidden.body()).path("reason").asText());
  }

  private static JsonNode withoutTimestamps(String metricValueList) throws Exception {
    JsonNode list = JSON.readTree(metricValueList);
    list.path("items").forEach(item -> ((ObjectNode) item).remove("timestamp"));
    return list;
  }
}
