package dev.metricsadapter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.failure.AdapterException.Kind;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeExceptionTest {

  private static KubernetesClientException http(int code, String message) {
    return new KubernetesClientException(
        "Failure executing: GET at: https://10.0.0.1/api/v1/namespaces/demo/pods. Message: "
            + message,
        code,
        new StatusBuilder().withCode(code).withMessage(message).build());
  }

  /** What listing pods in namespace demo fails with when the client fails with {@code failure}. */
  private static AdapterException listingPods(Throwable failure) {
    return KubeException.fromClient("list", "pods", "demo", failure);
  }

  @ParameterizedTest(name = "[{index}] HTTP {0} -> {1}")
  @CsvSource({
    "400, INTERNAL",
    "401, INTERNAL",
    "403, FORBIDDEN",
    "404, NOT_FOUND",
    "409, INTERNAL",
    "429, UNAVAILABLE",
    "500, UNAVAILABLE",
    "502, UNAVAILABLE",
    "503, UNAVAILABLE",
    "504, TIMEOUT",
  })
  void mapsHttpStatuses(int code, Kind kind) {
    assertEquals(kind, listingPods(http(code, "no")).kind());
  }

  @Test
  void forbiddenNamesResourceNamespaceAndTheServersReason() {
    AdapterException error = listingPods(http(403, "pods is forbidden: User \"x\" cannot list"));
    assertEquals(
        "the adapter may not list pods in namespace demo: pods is forbidden: User \"x\" cannot"
            + " list",
        error.getMessage());
  }

  @Test
  void clusterWideRequestsSaySo() {
    assertEquals(
        "the adapter may not list nodes cluster-wide: nope",
        KubeException.fromClient("list", "nodes", null, http(403, "nope")).getMessage());
  }

  @Test
  void rejectedCredentialsAreTheAdaptersProblem() {
    AdapterException error = listingPods(http(401, "Unauthorized"));
    assertEquals(Kind.INTERNAL, error.kind());
    assertEquals(
        "the adapter's Kubernetes credentials were rejected when trying to list pods in namespace"
            + " demo",
        error.getMessage());
  }

  @Test
  void connectionFailuresAreUnavailable() {
    KubernetesClientException failure =
        new KubernetesClientException(
            "An error has occurred.", new ConnectException("Connection refused"));
    AdapterException error = listingPods(failure);
    assertEquals(Kind.UNAVAILABLE, error.kind());
    assertEquals(
        "the Kubernetes API is unreachable: cannot list pods in namespace demo: Connection refused",
        error.getMessage());
  }

  @Test
  void clientTimeoutsAreTimeouts() {
    for (Throwable cause :
        new Throwable[] {new TimeoutException(), new SocketTimeoutException("read")}) {
      assertEquals(
          Kind.TIMEOUT,
          listingPods(new KubernetesClientException("timed out", cause)).kind(),
          cause.toString());
    }
  }

  @Test
  void otherFailuresAreInternalAndAdapterExceptionsPassThrough() {
    assertEquals(Kind.INTERNAL, listingPods(new IllegalStateException("bug")).kind());
    KubeException original = KubeException.notFound("gone");
    assertSame(original, listingPods(original));
  }

  @Test
  void factoriesSetTheirKinds() {
    assertEquals(Kind.FORBIDDEN, KubeException.forbidden("m").kind());
    assertEquals(Kind.NOT_FOUND, KubeException.notFound("m").kind());
    assertEquals(Kind.UNAVAILABLE, KubeException.unavailable("m", null).kind());
    assertEquals(Kind.TIMEOUT, KubeException.timeout("m", null).kind());
    assertEquals(Kind.INTERNAL, KubeException.internal("m", null).kind());
  }
}
