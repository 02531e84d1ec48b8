package dev.metricsadapter.kube;

import static dev.metricsadapter.testing.Futures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.ResourceInfo;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@EnableKubernetesMockClient(crud = true)
class Fabric8ObjectListerTest {

  private static final BuiltinResourceMapper MAPPER = new BuiltinResourceMapper();
  private static final ResourceInfo PODS = MAPPER.resolve("", "pods").orElseThrow();
  private static final ResourceInfo NODES = MAPPER.resolve("", "nodes").orElseThrow();
  private static final ResourceInfo DEPLOYMENTS =
      MAPPER.resolve("apps", "deployments").orElseThrow();

  static KubernetesMockServer server;
  static KubernetesClient client;

  private static KubernetesClient listerClient;
  private static Vertx vertx;
  private static WorkerExecutor workers;
  private final AtomicLong now = new AtomicLong();

  // The objects are shared by all tests, which must not change them; request counts are deltas.
  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    workers = KubernetesConnections.workerPool(vertx);
    listerClient = MockKubeApi.clientFor(server.url("/"));
    pod("demo", "web-1", Map.of("app", "web", "tier", "front"));
    pod("demo", "web-2", Map.of("app", "web", "tier", "front", "canary", "true"));
    pod("demo", "db-1", Map.of("app", "db", "tier", "back"));
    pod("other", "web-9", Map.of("app", "web", "tier", "front"));
    deployment("demo", "web", Map.of("app", "web"));
    deployment("demo", "db", Map.of("app", "db"));
    deployment("other", "web", Map.of("app", "web"));
    node("node-b", Map.of("pool", "general"));
    node("node-a", Map.of("pool", "general"));
    node("node-c", Map.of("pool", "gpu"));
  }

  @AfterAll
  static void tearDown() throws Exception {
    workers.close();
    await(vertx.close());
    listerClient.close();
  }

  private Fabric8ObjectLister lister(Duration ttl) {
    return new Fabric8ObjectLister(workers, listerClient, ttl, 100, now::get);
  }

  private List<String> names(
      Fabric8ObjectLister lister, ResourceInfo resource, String namespace, String selector)
      throws Exception {
    return await(lister.names(resource, namespace, LabelSelector.parse(selector), null));
  }

  @ParameterizedTest(name = "[{index}] pods in {0} with \"{1}\"")
  @CsvSource(
      delimiter = ';',
      value = {
        "demo;'';db-1,web-1,web-2",
        "demo;app=web;web-1,web-2",
        "demo;app==web;web-1,web-2",
        "demo;app!=web;db-1",
        "demo;app=web,tier=front;web-1,web-2",
        "demo;canary;web-2",
        "demo;!canary;db-1,web-1",
        "demo;app=web,!canary;web-1",
        "demo;app=cache;''",
        "other;app=web;web-9",
        "nowhere;'';''",
      })
  void listsPodsMatchingTheSelectorInTheNamespace(String namespace, String selector, String want)
      throws Exception {
    List<String> expected = want.isEmpty() ? List.of() : List.of(want.split(","));
    assertEquals(expected, names(lister(Duration.ZERO), PODS, namespace, selector));
  }

  @Test
  void listsAcrossNamespacesWithoutANamespace() throws Exception {
    assertEquals(
        List.of("web-1", "web-2", "web-9"), names(lister(Duration.ZERO), PODS, null, "app=web"));
  }

  @Test
  void listsDeploymentsOfTheAppsGroup() throws Exception {
    Fabric8ObjectLister lister = lister(Duration.ZERO);
    assertEquals(List.of("db", "web"), names(lister, DEPLOYMENTS, "demo", ""));
    assertEquals(List.of("web"), names(lister, DEPLOYMENTS, "other", "app=web"));
    assertEquals(List.of("web"), names(lister, DEPLOYMENTS, null, "app=web"));
  }

  @Test
  void listsClusterScopedNodesAndIgnoresANamespace() throws Exception {
    Fabric8ObjectLister lister = lister(Duration.ZERO);
    assertEquals(List.of("node-a", "node-b", "node-c"), names(lister, NODES, null, ""));
    assertEquals(List.of("node-a", "node-b"), names(lister, NODES, "demo", "pool=general"));
  }

  @Test
  void passesSetBasedSelectorsToTheServerVerbatim() throws Exception {
    // The mock server ignores set-based requirements, so check what reached it instead.
    names(lister(Duration.ZERO), PODS, "demo", "tier in (front,back),app notin (cache)");
    String path = server.getLastRequest().getPath();
    assertTrue(path.startsWith("/api/v1/namespaces/demo/pods?"), path);
    String query = URLDecoder.decode(path.substring(path.indexOf('?') + 1), StandardCharsets.UTF_8);
    assertTrue(query.contains("labelSelector=app notin (cache),tier in (back,front)"), query);
  }

  @Test
  void reusesAnAnswerWithinTheTtl() throws Exception {
    Fabric8ObjectLister lister = lister(Duration.ofSeconds(5));
    pod("cache", "web-1", Map.of("app", "web"));
    int before = server.getRequestCount();
    assertEquals(List.of("web-1"), names(lister, PODS, "cache", "app=web"));
    assertEquals(before + 1, server.getRequestCount());

    pod("cache", "web-2", Map.of("app", "web"));
    int afterCreate = server.getRequestCount();
    now.addAndGet(Duration.ofSeconds(4).toNanos());
    assertEquals(List.of("web-1"), names(lister, PODS, "cache", "app=web"));
    assertEquals(afterCreate, server.getRequestCount(), "answered from the cache");

    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertEquals(List.of("web-1", "web-2"), names(lister, PODS, "cache", "app=web"));
    assertEquals(afterCreate + 1, server.getRequestCount(), "expired, so asked again");
  }

  @Test
  void keysTheCacheByResourceNamespaceAndSelector() throws Exception {
    Fabric8ObjectLister lister = lister(Duration.ofSeconds(5));
    int before = server.getRequestCount();
    names(lister, PODS, "demo", "app=web");
    names(lister, PODS, "demo", "app=db");
    names(lister, PODS, "other", "app=web");
    names(lister, DEPLOYMENTS, "demo", "app=web");
    assertEquals(before + 4, server.getRequestCount());
    // Equal selectors written differently share an entry: LabelSelector prints them canonically.
    names(lister, PODS, "demo", "tier=front, app=web");
    names(lister, PODS, "demo", "app=web,tier=front");
    assertEquals(before + 5, server.getRequestCount());
  }

  @Test
  void concurrentIdenticalMissesShareOneCall() throws Exception {
    Fabric8ObjectLister lister = lister(Duration.ofSeconds(5));
    int before = server.getRequestCount();
    LabelSelector selector = LabelSelector.parse("app=web");
    List<Future<List<String>>> futures =
        List.of(
            lister.names(PODS, "demo", selector, null),
            lister.names(PODS, "demo", selector, null),
            lister.names(PODS, "demo", selector, null));
    for (Future<List<String>> future : futures) {
      assertEquals(List.of("web-1", "web-2"), await(future));
    }
    assertEquals(before + 1, server.getRequestCount());
  }

  @Test
  void evictsTheOldestEntryBeyondTheBound() throws Exception {
    Fabric8ObjectLister lister =
        new Fabric8ObjectLister(workers, listerClient, Duration.ofSeconds(5), 2, now::get);
    int before = server.getRequestCount();
    names(lister, PODS, "demo", "app=web");
    names(lister, PODS, "demo", "app=db");
    names(lister, PODS, "demo", "tier=back");
    names(lister, PODS, "demo", "app=db");
    assertEquals(before + 3, server.getRequestCount(), "app=db is still cached");
    names(lister, PODS, "demo", "app=web");
    assertEquals(before + 4, server.getRequestCount(), "app=web was evicted");
  }

  @Test
  void deliversCachedAnswersOnTheCallersContext() throws Exception {
    Fabric8ObjectLister lister = lister(Duration.ofSeconds(5));
    Context first = verticleContext();
    Context second = verticleContext();
    assertNotSame(first, second);

    assertSame(first, await(contextSeenBy(first, lister)));
    assertSame(second, await(contextSeenBy(second, lister)), "a cache hit, started by first");
  }

  private static Future<Context> contextSeenBy(Context caller, Fabric8ObjectLister lister) {
    Promise<Context> seen = Promise.promise();
    caller.runOnContext(
        v ->
            lister
                .names(PODS, "demo", LabelSelector.EVERYTHING, null)
                .onComplete(r -> seen.complete(Vertx.currentContext())));
    return seen.future();
  }

  private static Context verticleContext() throws Exception {
    Promise<Context> started = Promise.promise();
    await(
        vertx.deployVerticle(
            new AbstractVerticle() {
              @Override
              public void start() {
                started.complete(context);
              }
            }));
    return await(started.future());
  }

  /** Metadata naming an object in {@code namespace} (none: cluster-scoped) with {@code labels}. */
  private static ObjectMeta metadata(String namespace, String name, Map<String, String> labels) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .build();
  }

  private static void pod(String namespace, String name, Map<String, String> labels) {
    client
        .resource(new PodBuilder().withMetadata(metadata(namespace, name, labels)).build())
        .create();
  }

  private static void deployment(String namespace, String name, Map<String, String> labels) {
    client
        .resource(new DeploymentBuilder().withMetadata(metadata(namespace, name, labels)).build())
        .create();
  }

  private static void node(String name, Map<String, String> labels) {
    client.resource(new NodeBuilder().withMetadata(metadata(null, name, labels)).build()).create();
  }
}
