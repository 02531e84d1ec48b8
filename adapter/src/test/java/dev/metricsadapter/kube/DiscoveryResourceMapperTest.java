package dev.metricsadapter.kube;

import static dev.metricsadapter.testing.Futures.await;
import static dev.metricsadapter.testing.Futures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.failure.AdapterException.Kind;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.ResourceInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Discovery against a mock API server serving fixed discovery documents. */
class DiscoveryResourceMapperTest {

  private static final String CORE =
      """
      {"kind": "APIResourceList", "groupVersion": "v1", "resources": [
        {"name": "pods", "singularName": "pod", "namespaced": true, "kind": "Pod",
         "verbs": ["get", "list"], "shortNames": ["po"]},
        {"name": "pods/log", "singularName": "", "namespaced": true, "kind": "Pod",
         "verbs": ["get"]},
        {"name": "pods/status", "singularName": "", "namespaced": true, "kind": "Pod",
         "verbs": ["get", "patch"]},
        {"name": "nodes", "singularName": "", "namespaced": false, "kind": "Node",
         "verbs": ["get", "list"], "shortNames": ["no"]},
        {"name": "namespaces", "singularName": "namespace", "namespaced": false,
         "kind": "Namespace", "verbs": ["get", "list"], "shortNames": ["ns"]}
      ]}
      """;

  private static final String APPS =
      """
      {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "apps/v1", "resources": [
        {"name": "deployments", "singularName": "deployment", "namespaced": true,
         "kind": "Deployment", "verbs": ["get", "list"], "shortNames": ["deploy"],
         "categories": ["all"]},
        {"name": "deployments/scale", "singularName": "", "namespaced": true, "group": "autoscaling",
         "version": "v1", "kind": "Scale", "verbs": ["get", "patch", "update"]},
        {"name": "statefulsets", "singularName": "statefulset", "namespaced": true,
         "kind": "StatefulSet", "verbs": ["get", "list"], "shortNames": ["sts"]}
      ]}
      """;

  private static final String CRONTABS =
      """
      {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "stable.example.com/v1",
       "resources": [
        {"name": "crontabs", "singularName": "crontab", "namespaced": true, "kind": "CronTab",
         "verbs": ["get", "list"], "shortNames": ["ct"]}
      ]}
      """;

  private static final String WIDGETS_V2 =
      """
      {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "widgets.example.com/v2",
       "resources": [
        {"name": "widgets", "singularName": "", "namespaced": false, "kind": "Widget",
         "verbs": ["get", "list"]}
      ]}
      """;

  @RegisterExtension final MockKubeApi kube = new MockKubeApi();
  private KubernetesMockServer server;
  private DiscoveryResourceMapper mapper;

  @BeforeEach
  void setUp() {
    server = kube.server();
    mapper =
        new DiscoveryResourceMapper(
            kube.vertx(),
            kube.workers(),
            kube.client(),
            new BuiltinResourceMapper(),
            Set.of("custom.metrics.k8s.io"));
  }

  @AfterEach
  void closeMapper() {
    mapper.close();
  }

  private static String groups(String... groupVersions) {
    StringBuilder json = new StringBuilder("{\"kind\": \"APIGroupList\", \"groups\": [");
    for (int i = 0; i < groupVersions.length; i++) {
      String groupVersion = groupVersions[i];
      String group = groupVersion.substring(0, groupVersion.indexOf('/'));
      String version = groupVersion.substring(groupVersion.indexOf('/') + 1);
      json.append(i == 0 ? "" : ",")
          .append("{\"name\": \"")
          .append(group)
          .append("\", \"versions\": [{\"groupVersion\": \"")
          .append(group)
          .append("/v1alpha1\", \"version\": \"v1alpha1\"}, {\"groupVersion\": \"")
          .append(groupVersion)
          .append("\", \"version\": \"")
          .append(version)
          .append("\"}], \"preferredVersion\": {\"groupVersion\": \"")
          .append(groupVersion)
          .append("\", \"version\": \"")
          .append(version)
          .append("\"}}");
    }
    return json.append("]}").toString();
  }

  private void serve(String path, String json) {
    server.expect().get().withPath(path).andReturn(200, json).always();
  }

  private void serveCluster(String... groupVersions) {
    server.clearExpectations();
    serve("/api/v1", CORE);
    serve("/apis", groups(groupVersions));
    serve("/apis/apps/v1", APPS);
    serve("/apis/stable.example.com/v1", CRONTABS);
    serve("/apis/widgets.example.com/v2", WIDGETS_V2);
  }

  private ResourceInfo resolved(String group, String name) {
    return mapper.resolve(group, name).orElseThrow(() -> new AssertionError(name + " unresolved"));
  }

  @ParameterizedTest(name = "[{index}] {0}/{1}")
  @CsvSource({
    "'',pods,'',pods,v1,Pod,pod,true",
    "'',pod,'',pods,v1,Pod,pod,true",
    "'',po,'',pods,v1,Pod,pod,true",
    "'',Pod,'',pods,v1,Pod,pod,true",
    "'',nodes,'',nodes,v1,Node,node,false",
    "'',node,'',nodes,v1,Node,node,false",
    "'',deployments,apps,deployments,v1,Deployment,deployment,true",
    "apps,deployment,apps,deployments,v1,Deployment,deployment,true",
    "apps,deploy,apps,deployments,v1,Deployment,deployment,true",
    "apps,Deployment,apps,deployments,v1,Deployment,deployment,true",
    "'',sts,apps,statefulsets,v1,StatefulSet,statefulset,true",
    "'',widget,widgets.example.com,widgets,v2,Widget,widget,false",
  })
  void resolvesDiscoveredNames(
      String group,
      String name,
      String wantGroup,
      String wantResource,
      String wantVersion,
      String wantKind,
      String wantSingular,
      boolean wantNamespaced)
      throws Exception {
    serveCluster("apps/v1", "widgets.example.com/v2");
    await(mapper.refresh());

    ResourceInfo info = resolved(group, name);

    assertEquals(new GroupResource(wantGroup, wantResource), info.groupResource());
    assertEquals(wantVersion, info.version());
    assertEquals(wantKind, info.kind());
    assertEquals(wantSingular, info.singular());
    assertEquals(wantNamespaced, info.namespaced());
  }

  @Test
  void listsCoreFirstThenGroupsInDiscoveryOrderWithoutSubresources() throws Exception {
    serveCluster("widgets.example.com/v2", "apps/v1");
    await(mapper.refresh());

    assertEquals(
        List.of(
            "pods",
            "nodes",
            "namespaces",
            "widgets.widgets.example.com",
            "deployments.apps",
            "statefulsets.apps"),
        mapper.resources().stream().map(r -> r.groupResource().toString()).toList());
    assertEquals(List.of("po"), resolved("", "pods").shortNames());
  }

  @Test
  void answersFromTheFallbackUntilTheFirstRefresh() {
    assertFalse(mapper.discovered());
    assertEquals(new BuiltinResourceMapper().resources(), mapper.resources());
    assertEquals("Deployment", resolved("", "deploy").kind());
  }

  @Test
  void aGroupAddedLaterResolvesAfterRefresh() throws Exception {
    serveCluster("apps/v1");
    await(mapper.refresh());
    assertTrue(mapper.discovered());
    assertEquals(Optional.empty(), mapper.resolve("", "crontab"));

    serveCluster("apps/v1", "stable.example.com/v1");
    await(mapper.refresh());

    ResourceInfo crontabs = resolved("", "ct");
    assertEquals(new GroupResource("stable.example.com", "crontabs"), crontabs.groupResource());
    assertEquals("v1", crontabs.version());
    assertEquals("CronTab", crontabs.kind());
    assertTrue(crontabs.namespaced());
    assertSame(crontabs, resolved("stable.example.com", "CronTab"));
  }

  @Test
  void aFailedRefreshKeepsThePreviousTable() throws Exception {
    serveCluster("apps/v1", "stable.example.com/v1");
    await(mapper.refresh());
    List<ResourceInfo> before = mapper.resources();

    server.clearExpectations();
    server
        .expect()
        .get()
        .withPath("/api/v1")
        .andReturn(403, "{\"kind\": \"Status\", \"code\": 403, \"message\": \"forbidden\"}")
        .always();
    Throwable failure = failure(mapper.refresh());

    assertEquals(Kind.FORBIDDEN, assertInstanceOf(KubeException.class, failure).kind());
    assertEquals(before, mapper.resources());
    assertEquals("crontabs", resolved("", "crontab").groupResource().resource());

    server.clearExpectations(); // nothing served: /api/v1 answers 404
    failure(mapper.refresh());
    assertEquals(before, mapper.resources());
  }

  @Test
  void anEmptyCoreDiscoveryDocumentIsAFailureNotAnEmptyTable() throws Exception {
    serve(
        "/api/v1", "{\"kind\": \"APIResourceList\", \"groupVersion\": \"v1\", \"resources\": []}");
    serve("/apis", groups("apps/v1"));

    Throwable failure = failure(mapper.refresh());

    assertEquals(Kind.NOT_FOUND, assertInstanceOf(KubeException.class, failure).kind());
    assertFalse(mapper.discovered());
    assertEquals("pods", resolved("", "po").groupResource().resource());
  }

  @Test
  void aFailedFirstRefreshKeepsTheFallback() throws Exception {
    server
        .expect()
        .get()
        .withPath("/api/v1")
        .andReturn(503, "{\"kind\": \"Status\", \"code\": 503, \"message\": \"unavailable\"}")
        .always();

    Throwable failure = failure(mapper.refresh());

    assertEquals(Kind.UNAVAILABLE, assertInstanceOf(KubeException.class, failure).kind());
    assertFalse(mapper.discovered());
    assertEquals("deployments", resolved("apps", "deploy").groupResource().resource());
  }

  @Test
  void theGroupsTheAdapterServesAreNeverRead() throws Exception {
    serveCluster("apps/v1", "custom.metrics.k8s.io/v1beta2");
    server
        .expect()
        .get()
        .withPath("/apis/custom.metrics.k8s.io/v1beta2")
        .andReturn(503, "{\"kind\": \"Status\", \"code\": 503, \"message\": \"unavailable\"}")
        .always();
    await(mapper.refresh());

    List<String> paths = new ArrayList<>();
    for (RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        request != null;
        request = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
      paths.add(request.getPath());
    }
    assertEquals(List.of("/api/v1", "/apis", "/apis/apps/v1"), paths);
    assertEquals("Deployment", resolved("", "deploy").kind());
  }

  @Test
  void aFailingGroupKeepsItsPreviousResourcesAndTheOthersUpdate() throws Exception {
    serveCluster("apps/v1", "stable.example.com/v1");
    await(mapper.refresh());

    server.clearExpectations();
    serve("/api/v1", CORE);
    serve("/apis", groups("apps/v1", "stable.example.com/v1", "widgets.example.com/v2"));
    serve("/apis/widgets.example.com/v2", WIDGETS_V2);
    // apps answers 404 (not served), the aggregated CRD group is down
    server
        .expect()
        .get()
        .withPath("/apis/stable.example.com/v1")
        .andReturn(503, "{\"kind\": \"Status\", \"code\": 503, \"message\": \"backend down\"}")
        .always();
    await(mapper.refresh());

    assertEquals("Deployment", resolved("", "deploy").kind());
    assertEquals("CronTab", resolved("", "ct").kind());
    assertEquals("Widget", resolved("", "widgets").kind());
  }

  @Test
  void aFailingGroupOnTheFirstRefreshKeepsTheFallbacksEntries() throws Exception {
    server.expect().get().withPath("/api/v1").andReturn(200, CORE).always();
    serve("/apis", groups("apps/v1", "stable.example.com/v1"));
    serve("/apis/stable.example.com/v1", CRONTABS);
    await(mapper.refresh());

    assertTrue(mapper.discovered());
    assertEquals("ReplicaSet", resolved("apps", "rs").kind());
    assertEquals("CronTab", resolved("", "ct").kind());
    assertEquals(Optional.empty(), mapper.resolve("", "hpa"), "not in discovery, not in apps");
  }

  @Test
  void concurrentRefreshesShareOneDiscovery() throws Exception {
    serveCluster("apps/v1");
    int before = server.getRequestCount();
    Future<Void> first = mapper.refresh();
    Future<Void> second = mapper.refresh();
    assertSame(first, second);
    await(first);
    assertEquals(before + 3, server.getRequestCount(), "/api/v1, /apis, /apis/apps/v1");
  }

  @Test
  void startRefreshesPeriodically() throws Exception {
    serveCluster("apps/v1");
    await(mapper.start(Duration.ofMillis(20)));
    assertTrue(mapper.discovered());

    serveCluster("apps/v1", "stable.example.com/v1");
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> mapper.resolve("", "crontab").isPresent());
    assertEquals("CronTab", resolved("", "crontab").kind());

    mapper.close();
    // Closing stops the schedule, not the mapper: lookups and explicit refreshes still work.
    await(mapper.refresh());
    assertEquals("CronTab", resolved("", "crontab").kind());
  }
}
