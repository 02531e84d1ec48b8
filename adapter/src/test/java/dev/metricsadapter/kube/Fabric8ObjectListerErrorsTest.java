package dev.metricsadapter.kube;

import static dev.metricsadapter.testing.Futures.await;
import static dev.metricsadapter.testing.Futures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.metricsadapter.failure.AdapterException.Kind;
import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.ResourceInfo;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lister against a mock server answering fixed responses, errors included. */
class Fabric8ObjectListerErrorsTest {

  private static final BuiltinResourceMapper MAPPER = new BuiltinResourceMapper();
  private static final ResourceInfo PODS = MAPPER.resolve("", "pods").orElseThrow();
  private static final ResourceInfo DEPLOYMENTS =
      MAPPER.resolve("apps", "deployments").orElseThrow();
  private static final String DEMO_WEB_PODS =
      "/api/v1/namespaces/demo/pods?labelSelector=app%3Dweb&limit=500";

  @RegisterExtension final MockKubeApi kube = new MockKubeApi();
  private KubernetesMockServer server;
  private Fabric8ObjectLister lister;

  @BeforeEach
  void setUp() {
    server = kube.server();
    lister =
        new Fabric8ObjectLister(
            kube.workers(), kube.client(), Duration.ofSeconds(5), 100, System::nanoTime);
  }

  /**
   * A page of the pods {@code names} in namespace demo, followed by the page {@code continueToken}
   * names (null: the last page).
   */
  private static PodList pods(String continueToken, String... names) {
    PodListBuilder list =
        new PodListBuilder().withNewMetadata().withContinue(continueToken).endMetadata();
    for (String name : names) {
      list.addNewItem()
          .withNewMetadata()
          .withName(name)
          .withNamespace("demo")
          .endMetadata()
          .endItem();
    }
    return list.build();
  }

  private static Status status(int code, String reason, String message) {
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(code)
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  @Test
  void forbiddenListBecomesForbiddenNamingResourceAndNamespace() throws Exception {
    String denial =
        "pods is forbidden: User \"system:serviceaccount:monitoring:adapter\" cannot list"
            + " resource \"pods\" in API group \"\" in the namespace \"demo\"";
    server
        .expect()
        .get()
        .withPath(DEMO_WEB_PODS)
        .andReturn(403, status(403, "Forbidden", denial))
        .always();

    Throwable failure = failure(lister.names(PODS, "demo", LabelSelector.parse("app=web"), null));

    KubeException error = assertInstanceOf(KubeException.class, failure);
    assertEquals(Kind.FORBIDDEN, error.kind());
    assertEquals("the adapter may not list pods in namespace demo: " + denial, error.getMessage());
  }

  @Test
  void forbiddenClusterWideListSaysSo() throws Exception {
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/deployments?limit=500")
        .andReturn(403, status(403, "Forbidden", "deployments.apps is forbidden"))
        .always();

    Throwable failure = failure(lister.names(DEPLOYMENTS, null, LabelSelector.EVERYTHING, null));

    KubeException error = assertInstanceOf(KubeException.class, failure);
    assertEquals(Kind.FORBIDDEN, error.kind());
    assertEquals(
        "the adapter may not list deployments.apps cluster-wide: deployments.apps is forbidden",
        error.getMessage());
  }

  @Test
  void serverErrorBecomesUnavailableAndIsNotCached() throws Exception {
    server
        .expect()
        .get()
        .withPath(DEMO_WEB_PODS)
        .andReturn(503, status(503, "ServiceUnavailable", "etcd is down"))
        .once();
    server.expect().get().withPath(DEMO_WEB_PODS).andReturn(200, pods(null, "web-1")).once();
    LabelSelector selector = LabelSelector.parse("app=web");

    Throwable failure = failure(lister.names(PODS, "demo", selector, null));

    assertEquals(Kind.UNAVAILABLE, assertInstanceOf(KubeException.class, failure).kind());
    assertEquals(List.of("web-1"), await(lister.names(PODS, "demo", selector, null)));
  }

  @Test
  void unreachableServerBecomesUnavailable() throws Exception {
    server.destroy();

    Throwable failure = failure(lister.names(PODS, "demo", LabelSelector.parse("app=web"), null));

    assertEquals(Kind.UNAVAILABLE, assertInstanceOf(KubeException.class, failure).kind());
  }

  @Test
  void followsContinueTokensAcrossPages() throws Exception {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/demo/pods?limit=500")
        .andReturn(200, pods("page2", "web-2"))
        .always();
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/demo/pods?continue=page2&limit=500")
        .andReturn(200, pods(null, "web-1"))
        .always();

    assertEquals(
        List.of("web-1", "web-2"),
        await(lister.names(PODS, "demo", LabelSelector.EVERYTHING, null)));
  }
}
