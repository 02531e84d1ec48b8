package dev.metricsadapter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.request.RequestPath;
import dev.metricsadapter.testing.Futures;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizerTest {

  private final List<RequestAttributes> reviewed = new ArrayList<>();
  private final Authorizer authorizer =
      new Authorizer(
          List.of("/healthz", "/readyz", "/debug/*"),
          (user, attributes) -> {
            reviewed.add(attributes);
            return Future.succeededFuture(
                new AccessReviewer.Decision(user.name().equals("hpa"), "no RBAC policy matched"));
          });

  private static RequestAttributes attributes(String path) {
    return RequestAttributes.of("GET", RequestPath.parse(path));
  }

  /** The message of the denial {@code future} must end in. */
  private static String denial(Future<Void> future) {
    return Futures.failure(future).getMessage();
  }

  /** Asserts that {@code future} allows the request. */
  private static void allowed(Future<Void> future) {
    Futures.await(future);
  }

  @Test
  void alwaysAllowedPathsAndMastersSkipTheReview() throws Exception {
    allowed(authorizer.authorize(UserInfo.ANONYMOUS, attributes("/healthz")));
    allowed(authorizer.authorize(UserInfo.ANONYMOUS, attributes("/debug/explain")));
    allowed(
        authorizer.authorize(
            new UserInfo("system:kube-aggregator", "", List.of("system:masters"), Map.of()),
            attributes("/apis/custom.metrics.k8s.io/v1beta2")));
    assertTrue(reviewed.isEmpty());
  }

  @Test
  void deniesInKubernetesWords() throws Exception {
    UserInfo carol = new UserInfo("carol", "", List.of(), Map.of());
    assertEquals(
        "pods.custom.metrics.k8s.io \"*\" is forbidden: User \"carol\" cannot get resource"
            + " \"pods/http_requests\" in API group \"custom.metrics.k8s.io\" in the namespace"
            + " \"demo\": no RBAC policy matched",
        denial(
            authorizer.authorize(
                carol,
                attributes(
                    "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests"))));
    assertEquals(
        "nodes.custom.metrics.k8s.io \"n1\" is forbidden: User \"carol\" cannot get resource"
            + " \"nodes/load\" in API group \"custom.metrics.k8s.io\" at the cluster scope: no RBAC"
            + " policy matched",
        denial(
            authorizer.authorize(
                carol, attributes("/apis/custom.metrics.k8s.io/v1beta1/nodes/n1/load"))));
    assertEquals(
        "s0-queue.external.metrics.k8s.io is forbidden: User \"carol\" cannot list resource"
            + " \"s0-queue\" in API group \"external.metrics.k8s.io\" in the namespace \"demo\": no"
            + " RBAC policy matched",
        denial(
            authorizer.authorize(
                carol,
                attributes("/apis/external.metrics.k8s.io/v1beta1/namespaces/demo/s0-queue"))));
    assertEquals(
        "forbidden: User \"system:anonymous\" cannot get path \"/apis\": no RBAC policy matched",
        denial(authorizer.authorize(UserInfo.ANONYMOUS, attributes("/apis"))));
    allowed(
        authorizer.authorize(
            new UserInfo("hpa", "", List.of(), Map.of()),
            attributes(
                "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests")));
  }
}
