package dev.metricsadapter.server;

import static dev.metricsadapter.testing.QueryResults.sample;
import static dev.metricsadapter.testing.QueryResults.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.kube.ResourceObjects;
import dev.metricsadapter.kube.ResourceObjects.KubeObject;
import dev.metricsadapter.prometheus.QueryResult;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.resourcemetrics.ResourceMetricsService;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.testing.Futures;
import dev.metricsadapter.testing.ListedObjects;
import dev.metricsadapter.testing.Rules;
import dev.metricsadapter.testing.ScriptedPrometheus;
import dev.metricsadapter.testing.Snapshots;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP contract of external.metrics.k8s.io and metrics.k8s.io. */
class ExternalAndResourceApiTest {

  private static final String RULES =
      """
      externalRules:
      - seriesQuery: '{__name__="queue_depth"}'
        resources: {overrides: {namespace: {resource: namespace}}}
        metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (queue)
      - seriesQuery: '{__name__="global_backlog"}'
        resources: {namespaced: false}
        metricsQuery: max(<<.Series>>{<<.LabelMatchers>>})
      resourceRules:
        cpu:
          containerQuery: sum(rate(c_cpu{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>)
          nodeQuery: sum(rate(n_cpu{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>)
          resources:
            overrides:
              namespace: {resource: namespace}
              pod: {resource: pod}
              node: {resource: node}
          containerLabel: container
        memory:
          containerQuery: sum(c_mem{<<.LabelMatchers>>}) by (<<.GroupBy>>)
          nodeQuery: sum(n_mem{<<.LabelMatchers>>}) by (<<.GroupBy>>)
          resources:
            overrides:
              namespace: {resource: namespace}
              pod: {resource: pod}
              node: {resource: node}
          containerLabel: container
        window: 1m
      """;
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-08-21T10:16:00Z"), ZoneOffset.UTC);

  private final Vertx vertx = Vertx.vertx();
  private final ScriptedPrometheus prometheus = new ScriptedPrometheus();
  private final CompiledRules rules = Rules.compile(RULES);
  private final DiscoverySnapshot snapshot =
      Snapshots.of(
          rules,
          List.of(
              Map.of("__name__", "queue_depth", "namespace", "default", "queue", "orders"),
              Map.of("__name__", "global_backlog")));

  @AfterEach
  void close() {
    Futures.await(vertx.close());
  }

  private ServedApi start(Optional<ResourceObjects> objects) {
    return ServedApi.start(
        vertx,
        snapshot,
        prometheus,
        CLOCK,
        Optional.of(
            new ResourceMetricsApi(
                new ResourceMetricsService(
                    rules.resourceRules()::orElseThrow,
                    new BuiltinResourceMapper(),
                    objects,
                    prometheus,
                    CLOCK),
                CLOCK)),
        true);
  }

  private static void assertJson(int status, String expected, HttpResponse<Buffer> response) {
    assertEquals(new JsonObject(expected).encode(), response.bodyAsString());
    assertEquals(status, response.statusCode());
  }

  /** Asserts the status and the {@code Status} message of a failure. */
  private static void assertFailure(int status, String message, HttpResponse<Buffer> response) {
    assertEquals(message, new JsonObject(response.bodyAsString()).getString("message"));
    assertEquals(status, response.statusCode());
  }

  @Test
  void externalDiscoveryAndValues() {
    ServedApi api = start(Optional.empty());
    assertJson(
        200,
        """
        {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"external.metrics.k8s.io/v1beta1",
         "resources":[
          {"name":"global_backlog","singularName":"","namespaced":true,"kind":"ExternalMetricValueList","verbs":["get"]},
          {"name":"queue_depth","singularName":"","namespaced":true,"kind":"ExternalMetricValueList","verbs":["get"]}]}
        """,
        api.get("/apis/external.metrics.k8s.io/v1beta1"));
    prometheus.answer(
        "sum(queue_depth{topic=\"orders\",namespace=\"default\"}) by (queue)",
        vector(
            sample(Map.of("queue", "orders-eu"), "1234"),
            sample(Map.of("queue", "orders-us"), "0.5")));
    assertJson(
        200,
        """
        {"kind":"ExternalMetricValueList","apiVersion":"external.metrics.k8s.io/v1beta1","metadata":{},"items":[
          {"metricName":"queue_depth","metricLabels":{"queue":"orders-eu"},"timestamp":"2026-08-21T10:15:30Z","value":"1234"},
          {"metricName":"queue_depth","metricLabels":{"queue":"orders-us"},"timestamp":"2026-08-21T10:15:30Z","value":"500m"}]}
        """,
        api.get(
            "/apis/external.metrics.k8s.io/v1beta1/namespaces/default/queue_depth?labelSelector=topic%3Dorders"));
  }

  @Test
  void externalNamespacedFalseScalarsEmptyResultsAndErrors() {
    ServedApi api = start(Optional.empty());
    prometheus.answer(
        "max(global_backlog{})",
        new QueryResult(QueryResult.Type.SCALAR, List.of(sample(Map.of(), "42"))));
    assertJson(
        200,
        """
        {"kind":"ExternalMetricValueList","apiVersion":"external.metrics.k8s.io/v1beta1","metadata":{},"items":[
          {"metricName":"global_backlog","metricLabels":{},"timestamp":"2026-08-21T10:15:30Z","value":"42"}]}
        """,
        api.get("/apis/external.metrics.k8s.io/v1beta1/namespaces/team-a/global_backlog"));
    assertEquals(List.of("max(global_backlog{})"), prometheus.queries());

    prometheus.answer("sum(queue_depth{namespace=\"other\"}) by (queue)", vector());
    assertJson(
        200,
        "{\"kind\":\"ExternalMetricValueList\",\"apiVersion\":\"external.metrics.k8s.io/v1beta1\",\"metadata\":{},\"items\":[]}",
        api.get("/apis/external.metrics.k8s.io/v1beta1/namespaces/other/queue_depth"));

    prometheus.answer(
        "sum(queue_depth{namespace=\"nan\"}) by (queue)",
        vector(sample(Map.of("queue", "q"), "NaN")));
    assertFailure(
        500,
        "Internal error occurred: external metric queue_depth is NaN for series {queue=q}; refusing"
            + " to answer a value the HPA would add up",
        api.get("/apis/external.metrics.k8s.io/v1beta1/namespaces/nan/queue_depth"));

    prometheus.answer(
        "sum(queue_depth{namespace=\"matrix\"}) by (queue)",
        new QueryResult(QueryResult.Type.MATRIX, List.of()));
    assertFailure(
        500,
        "Internal error occurred: the query for external metric queue_depth returned a matrix; it"
            + " must return a vector or a scalar",
        api.get("/apis/external.metrics.k8s.io/v1beta1/namespaces/matrix/queue_depth"));

    assertFailure(
        404,
        "the server could not find the external metric nope",
        api.get("/apis/external.metrics.k8s.io/v1beta1/namespaces/default/nope"));
    assertEquals(400, api.get("/apis/external.metrics.k8s.io/v1beta1/queue_depth").statusCode());
  }

  @Test
  void resourceMetricsStandalone() {
    ServedApi api = start(Optional.empty());
    assertJson(
        200,
        """
        {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"metrics.k8s.io/v1beta1","resources":[
          {"name":"nodes","singularName":"","namespaced":false,"kind":"NodeMetrics","verbs":["get","list"]},
          {"name":"pods","singularName":"","namespaced":true,"kind":"PodMetrics","verbs":["get","list"]}]}
        """,
        api.get("/apis/metrics.k8s.io/v1beta1"));
    Map<String, String> app = Map.of("namespace", "demo", "pod", "web-1", "container", "app");
    Map<String, String> sidecar =
        Map.of("namespace", "demo", "pod", "web-1", "container", "sidecar");
    Map<String, String> cpuOnly = Map.of("namespace", "demo", "pod", "web-2", "container", "app");
    prometheus.answer(
        "sum(rate(c_cpu{namespace=\"demo\",pod!=\"\"}[1m])) by (pod,container,namespace)",
        vector(sample(app, "0.25"), sample(sidecar, "-0.001"), sample(cpuOnly, "0.5")));
    prometheus.answer(
        "sum(c_mem{namespace=\"demo\",pod!=\"\"}) by (pod,container,namespace)",
        vector(sample(app, "1572864"), sample(sidecar, "NaN")));
    assertJson(
        200,
        """
        {"kind":"PodMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},"items":[
          {"metadata":{"name":"web-1","namespace":"demo","creationTimestamp":"2026-08-21T10:16:00Z"},
           "timestamp":"2026-08-21T10:15:30Z","window":"1m0s",
           "containers":[{"name":"app","usage":{"cpu":"250m","memory":"1536Ki"}},
                         {"name":"sidecar","usage":{"cpu":"0","memory":"0"}}]}]}
        """,
        api.get("/apis/metrics.k8s.io/v1beta1/namespaces/demo/pods"));
    assertEquals(
        "PodMetrics",
        new JsonObject(
                api.get("/apis/metrics.k8s.io/v1beta1/namespaces/demo/pods/web-1").bodyAsString())
            .getString("kind"));
    assertFailure(
        404,
        "podmetrics.metrics.k8s.io \"demo/web-2\" not found",
        api.get("/apis/metrics.k8s.io/v1beta1/namespaces/demo/pods/web-2"));
    assertEquals(
        400, api.get("/apis/metrics.k8s.io/v1beta1/pods?labelSelector=app%3Dweb").statusCode());

    prometheus.answer(
        "sum(rate(n_cpu{node!=\"\"}[1m])) by (node)",
        vector(sample(Map.of("node", "node-1"), "1.5"), sample(Map.of("node", "node-2"), "2")));
    prometheus.answer(
        "sum(n_mem{node!=\"\"}) by (node)", vector(sample(Map.of("node", "node-1"), "2147483648")));
    assertJson(
        200,
        """
        {"kind":"NodeMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},"items":[
          {"metadata":{"name":"node-1","creationTimestamp":"2026-08-21T10:16:00Z"},
           "timestamp":"2026-08-21T10:15:30Z","window":"1m0s","usage":{"cpu":"1500m","memory":"2Gi"}}]}
        """,
        api.get("/apis/metrics.k8s.io/v1beta1/nodes"));
    // kubectl top nodes would print memory under CPU(%) without the nodes' allocatable resources.
    HttpResponse<Buffer> nodes = api.get("/api/v1/nodes");
    assertEquals(404, nodes.statusCode());
    assertTrue(
        new JsonObject(nodes.bodyAsString())
            .getString("message")
            .startsWith("the metrics adapter does not serve nodes: kubectl top nodes needs"),
        nodes.bodyAsString());
    assertEquals(
        "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"v1\",\"resources\":[]}",
        api.get("/api/v1").bodyAsString());
    assertEquals(
        "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
            + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"\"}]}",
        api.get("/api").bodyAsString());
    assertEquals(404, api.get("/api/v1/pods").statusCode());
  }

  @Test
  void resourceMetricsWithKubernetesObjects() {
    ResourceObjects objects =
        new ListedObjects(
            List.of(
                new KubeObject("demo", "web-1", Map.of("app", "web")),
                new KubeObject("demo", "web-3", Map.of("app", "web"))),
            List.of());
    ServedApi api = start(Optional.of(objects));
    Map<String, String> app = Map.of("namespace", "demo", "pod", "web-1", "container", "app");
    prometheus.answer(
        "sum(rate(c_cpu{namespace=\"demo\",pod=~\"web-1|web-3\"}[1m])) by (pod,container,namespace)",
        vector(sample(app, "0.25")));
    prometheus.answer(
        "sum(c_mem{namespace=\"demo\",pod=~\"web-1|web-3\"}) by (pod,container,namespace)",
        vector(sample(app, "1024")));
    JsonObject list =
        new JsonObject(
            api.get("/apis/metrics.k8s.io/v1beta1/namespaces/demo/pods?labelSelector=app%3Dweb")
                .bodyAsString());
    assertEquals(1, list.getJsonArray("items").size());
    assertEquals(
        new JsonObject(
            "{\"name\":\"web-1\",\"namespace\":\"demo\",\"creationTimestamp\":\"2026-08-21T10:16:00Z\","
                + "\"labels\":{\"app\":\"web\"}}"),
        list.getJsonArray("items").getJsonObject(0).getJsonObject("metadata"));
    assertJson(
        200,
        "{\"kind\":\"NodeMetricsList\",\"apiVersion\":\"metrics.k8s.io/v1beta1\",\"metadata\":{},\"items\":[]}",
        api.get("/apis/metrics.k8s.io/v1beta1/nodes"));
  }
}
