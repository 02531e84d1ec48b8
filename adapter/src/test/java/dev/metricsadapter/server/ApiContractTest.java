package dev.metricsadapter.server;

import static dev.metricsadapter.testing.QueryResults.sample;
import static dev.metricsadapter.testing.QueryResults.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.prometheus.PrometheusException;
import dev.metricsadapter.prometheus.QueryResult;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.testing.Futures;
import dev.metricsadapter.testing.Rules;
import dev.metricsadapter.testing.ScriptedPrometheus;
import dev.metricsadapter.testing.Snapshots;
import dev.metricsadapter.testing.StatusJson;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP contract: exact JSON for every path shape and version, and every error class. */
class ApiContractTest {

  private static final String RULES =
      """
      rules:
      - seriesQuery: '{__name__="http_requests_total",namespace!="",pod!=""}'
        resources:
          overrides:
            namespace: {resource: namespace}
            pod: {resource: pod}
            service: {resource: service}
            deployment: {group: apps, resource: deployment}
        name: {matches: ^(.*)_total$, as: "${1}_per_second"}
        metricsQuery: sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)
      - seriesQuery: '{__name__="node_load1"}'
        resources: {overrides: {node: {resource: node}}}
        metricsQuery: max(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)
      """;

  /** The request rate of one pod. */
  private static final String WEB_1 =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/web-1/http_requests_per_second";

  private static Vertx vertx;
  private static ScriptedPrometheus prometheus;
  private static ServedApi api;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    List<Map<String, String>> series = new ArrayList<>();
    for (String pod : List.of("web-1", "web-2", "api-1")) {
      String app = pod.startsWith("web") ? "web" : "api";
      series.add(
          Map.of(
              "__name__",
              "http_requests_total",
              "namespace",
              "demo",
              "pod",
              pod,
              "service",
              "demo-app",
              "deployment",
              app,
              "app",
              app));
    }
    series.add(Map.of("__name__", "node_load1", "node", "node-1"));
    DiscoverySnapshot snapshot = Snapshots.of(Rules.compile(RULES), series);
    prometheus = new ScriptedPrometheus().series(series);
    api =
        ServedApi.start(
            vertx,
            snapshot,
            prometheus,
            Clock.fixed(Instant.parse("2026-08-21T10:16:00Z"), ZoneOffset.UTC),
            Optional.empty(),
            true);
  }

  @AfterAll
  static void stop() {
    Futures.await(vertx.close());
  }

  @BeforeEach
  void resetPrometheus() {
    prometheus.forget().recover().answerAll(vector());
  }

  /** Asserts status, content type and the exact body (field order included). */
  private static void assertJson(int status, String expectedJson, HttpResponse<Buffer> response) {
    assertEquals(new JsonObject(expectedJson).encode(), response.bodyAsString());
    assertEquals(status, response.statusCode());
    assertEquals("application/json", response.getHeader("Content-Type"));
  }

  /** Asserts a failure {@code Status} with {@code code}, {@code reason} and {@code message}. */
  private static void assertStatus(
      int code, String reason, String message, HttpResponse<Buffer> response) {
    assertJson(code, StatusJson.failure(code, reason, message).encode(), response);
  }

  @Test
  void listsGroupsAndVersions() {
    String group =
        """
        {"name":"custom.metrics.k8s.io","versions":[
          {"groupVersion":"custom.metrics.k8s.io/v1beta2","version":"v1beta2"},
          {"groupVersion":"custom.metrics.k8s.io/v1beta1","version":"v1beta1"}],
         "preferredVersion":{"groupVersion":"custom.metrics.k8s.io/v1beta2","version":"v1beta2"}}
        """;
    String external =
        """
        {"name":"external.metrics.k8s.io","versions":[
          {"groupVersion":"external.metrics.k8s.io/v1beta1","version":"v1beta1"}],
         "preferredVersion":{"groupVersion":"external.metrics.k8s.io/v1beta1","version":"v1beta1"}}
        """;
    assertJson(
        200,
        "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":["
            + group
            + ","
            + external
            + "]}",
        api.get("/apis"));
    JsonObject apiGroup = new JsonObject().put("kind", "APIGroup").put("apiVersion", "v1");
    apiGroup.mergeIn(new JsonObject(group));
    assertJson(200, apiGroup.encode(), api.get("/apis/custom.metrics.k8s.io"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v1beta1", "v1beta2"})
  void listsEveryMetricSortedWithItsScope(String version) {
    String entry =
        "{\"name\":\"%s\",\"singularName\":\"\",\"namespaced\":%s,\"kind\":\"MetricValueList\",\"verbs\":[\"get\"]}";
    String expected =
        "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"custom.metrics.k8s.io/"
            + version
            + "\",\"resources\":["
            + String.join(
                ",",
                entry.formatted("namespaces/http_requests_per_second", false),
                entry.formatted("nodes/node_load1", false),
                entry.formatted("pods/http_requests_per_second", true),
                entry.formatted("services/http_requests_per_second", true),
                entry.formatted("deployments.apps/http_requests_per_second", true))
            + "]}";
    assertJson(200, expected, api.get("/apis/custom.metrics.k8s.io/" + version));
  }

  @Test
  void podsWildcardInV1beta2() {
    prometheus.answer(
        "sum(rate(http_requests_total{namespace=\"demo\",pod=~\"web-1|web-2\"}[2m])) by (pod)",
        vector(sample(Map.of("pod", "web-1"), "12.5"), sample(Map.of("pod", "web-2"), "0.0004")));
    assertJson(
        200,
        """
        {"kind":"MetricValueList","apiVersion":"custom.metrics.k8s.io/v1beta2","metadata":{},"items":[
          {"describedObject":{"kind":"Pod","namespace":"demo","name":"web-1","apiVersion":"v1"},
           "metric":{"name":"http_requests_per_second","selector":null},
           "timestamp":"2026-08-21T10:15:30Z","value":"12500m"},
          {"describedObject":{"kind":"Pod","namespace":"demo","name":"web-2","apiVersion":"v1"},
           "metric":{"name":"http_requests_per_second","selector":null},
           "timestamp":"2026-08-21T10:15:30Z","value":"400u"}]}
        """,
        api.get(
            "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second"
                + "?labelSelector=app%3Dweb"));
  }

  @Test
  void podsWildcardInV1beta1WithAnEncodedStarAndAMetricSelector() {
    prometheus.answer(
        "sum(rate(http_requests_total{code=~\"2..\",namespace=\"demo\",pod=~\"api-1|web-1|web-2\"}[2m]))"
            + " by (pod)",
        vector(sample(Map.of("pod", "api-1"), "1000")));
    assertEquals(
        400,
        api.get(
                "/apis/custom.metrics.k8s.io/v1beta1/namespaces/demo/pods/%2A/http_requests_per_second"
                    + "?metricLabelSelector=code%3D~2..")
            .statusCode());
    prometheus.answerAll(vector(sample(Map.of("pod", "api-1"), "1000")));
    assertJson(
        200,
        """
        {"kind":"MetricValueList","apiVersion":"custom.metrics.k8s.io/v1beta1","metadata":{},"items":[
          {"describedObject":{"kind":"Pod","namespace":"demo","name":"api-1","apiVersion":"v1"},
           "metricName":"http_requests_per_second",
           "timestamp":"2026-08-21T10:15:30Z","value":"1k",
           "selector":{"matchLabels":{"code":"200"}}}]}
        """,
        api.get(
            "/apis/custom.metrics.k8s.io/v1beta1/namespaces/demo/pods/%2A/http_requests_per_second"
                + "?metricLabelSelector=code%3D200"));
    assertEquals(
        List.of(
            "sum(rate(http_requests_total{code=\"200\",namespace=\"demo\",pod=~\"api-1|web-1|web-2\"}[2m]))"
                + " by (pod)"),
        prometheus.queries());
  }

  @Test
  void objectMetricOfAServiceAndADeployment() {
    prometheus.answer(
        "sum(rate(http_requests_total{namespace=\"demo\",service=\"demo-app\"}[2m])) by (service)",
        vector(sample(Map.of("service", "demo-app"), "33.333333")));
    assertJson(
        200,
        """
        {"kind":"MetricValueList","apiVersion":"custom.metrics.k8s.io/v1beta2","metadata":{},"items":[
          {"describedObject":{"kind":"Service","namespace":"demo","name":"demo-app","apiVersion":"v1"},
           "metric":{"name":"http_requests_per_second","selector":null},
           "timestamp":"2026-08-21T10:15:30Z","value":"33333333u"}]}
        """,
        api.get(
            "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/services/demo-app/http_requests_per_second"));
    prometheus.answer(
        "sum(rate(http_requests_total{namespace=\"demo\",deployment=\"web\"}[2m])) by (deployment)",
        vector(sample(Map.of("deployment", "web"), "2")));
    assertEquals(
        "{\"kind\":\"Deployment\",\"namespace\":\"demo\",\"name\":\"web\",\"apiVersion\":\"apps/v1\"}",
        new JsonObject(
                api.get(
                        "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/deployment/web/http_requests_per_second")
                    .bodyAsString())
            .getJsonArray("items")
            .getJsonObject(0)
            .getJsonObject("describedObject")
            .encode());
  }

  @Test
  void namespaceMetricDescribesTheNamespaceObject() {
    prometheus.answer(
        "sum(rate(http_requests_total{namespace=\"demo\"}[2m])) by (namespace)",
        vector(sample(Map.of("namespace", "demo"), "42")));
    assertJson(
        200,
        """
        {"kind":"MetricValueList","apiVersion":"custom.metrics.k8s.io/v1beta2","metadata":{},"items":[
          {"describedObject":{"kind":"Namespace","name":"demo","apiVersion":"v1"},
           "metric":{"name":"http_requests_per_second","selector":null},
           "timestamp":"2026-08-21T10:15:30Z","value":"42"}]}
        """,
        api.get(
            "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/metrics/http_requests_per_second"));
  }

  @Test
  void clusterScopedObject() {
    prometheus.answer(
        "max(node_load1{node=\"node-1\"}) by (node)",
        vector(sample(Map.of("node", "node-1"), "0.5")));
    assertJson(
        200,
        """
        {"kind":"MetricValueList","apiVersion":"custom.metrics.k8s.io/v1beta1","metadata":{},"items":[
          {"describedObject":{"kind":"Node","name":"node-1","apiVersion":"v1"},
           "metricName":"node_load1","timestamp":"2026-08-21T10:15:30Z","value":"500m","selector":null}]}
        """,
        api.get("/apis/custom.metrics.k8s.io/v1beta1/nodes/node-1/node_load1"));
  }

  @Test
  void nanBecomesZeroAndInfinityIsLeftOut() {
    prometheus.answerAll(
        vector(sample(Map.of("pod", "web-1"), "NaN"), sample(Map.of("pod", "web-2"), "+Inf")));
    JsonObject body =
        new JsonObject(
            api.get(
                    "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second?labelSelector=app%3Dweb")
                .bodyAsString());
    assertEquals(1, body.getJsonArray("items").size());
    assertEquals("0", body.getJsonArray("items").getJsonObject(0).getString("value"));
  }

  static Stream<Arguments> errors() {
    String prefix = "/apis/custom.metrics.k8s.io/v1beta2";
    String notFound = "the server could not find the requested resource";
    return Stream.of(
        error(
            prefix + "/namespaces/demo/pods/*/http_requests",
            404,
            "NotFound",
            "the server could not find the metric http_requests for pods"),
        error(
            prefix + "/namespaces/demo/widgets/x/http_requests_per_second",
            404,
            "NotFound",
            "the server could not find the metric http_requests_per_second for widgets"),
        error(
            prefix + "/pods/web-1/http_requests_per_second",
            404,
            "NotFound",
            "the server could not find the metric http_requests_per_second for pods"),
        error(
            prefix + "/namespaces/demo/pods/*/http_requests_per_second?labelSelector=app%3Dnothing",
            404,
            "NotFound",
            "the server could not find the metric http_requests_per_second for pods: no objects in"
                + " namespace demo match the label selector app=nothing"),
        error(
            prefix + "/namespaces/demo/pods/web-9/http_requests_per_second",
            404,
            "NotFound",
            "the server could not find the metric http_requests_per_second for pods web-9"),
        error(
            prefix + "/namespaces/demo/pods",
            400,
            "BadRequest",
            "invalid request path: expected namespaces/{namespace}/{resource}/{name}/{metric},"
                + " {resource}/{name}/{metric} or namespaces/{namespace}/metrics/{metric}"),
        error(
            prefix + "/namespaces/Demo_1/pods/*/http_requests_per_second",
            400,
            "BadRequest",
            "invalid namespace \"Demo_1\": must be a DNS label"),
        error(
            prefix
                + "/namespaces/demo/pods/web-1/http_requests_per_second?metricLabelSelector=replicas%3E1",
            400,
            "BadRequest",
            "operator \">\" in selector requirement \"replicas>1\" is not supported by Prometheus"
                + " queries"),
        error(
            prefix + "/namespaces/demo/pods/*/http_requests_per_second?labelSelector=app%3Da%22b",
            400,
            "BadRequest",
            "invalid label value \"a\"b\" in selector \"app=a\"b\": must be at most 63 characters of"
                + " [A-Za-z0-9-_.], starting and ending with an alphanumeric character"),
        error(
            "/apis/custom.metrics.k8s.io/v1alpha1/namespaces/demo/pods/*/m",
            404,
            "NotFound",
            notFound),
        // The core API slice kubectl top reads is served only along with metrics.k8s.io.
        error("/api", 404, "NotFound", notFound),
        Arguments.of(
            HttpMethod.POST,
            prefix,
            405,
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource"));
  }

  private static Arguments error(String path, int code, String reason, String message) {
    return Arguments.of(HttpMethod.GET, path, code, reason, message);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("errors")
  void errorsAreStatusObjects(
      HttpMethod method, String path, int code, String reason, String message) {
    assertStatus(code, reason, message, api.send(method, path));
  }

  static Stream<Arguments> backendFailures() {
    return Stream.of(
        Arguments.of(
            PrometheusException.unreachable(
                "/api/v1/query", new ConnectException("Connection refused")),
            503,
            "ServiceUnavailable",
            "Prometheus /api/v1/query is unreachable: Connection refused"),
        Arguments.of(
            PrometheusException.timeout("/api/v1/query", 10000),
            504,
            "Timeout",
            "Prometheus /api/v1/query did not answer within 10000ms"),
        Arguments.of(
            PrometheusException.apiError(
                "/api/v1/query", 422, "execution", "query processing would load too many samples"),
            500,
            "InternalError",
            "Internal error occurred: the query of rule r.yaml:2 rules[0] for metric"
                + " http_requests_per_second was refused: Prometheus /api/v1/query failed:"
                + " execution: query processing would load too many samples"));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("backendFailures")
  void backendFailuresMapToTheirStatus(
      PrometheusException failure, int code, String reason, String message) {
    prometheus.failAll(failure);
    assertStatus(code, reason, message, api.get(WEB_1));
  }

  @Test
  void aResultThatIsNoVectorIsAnInternalError() {
    prometheus.answerAll(new QueryResult(QueryResult.Type.MATRIX, List.of()));
    assertStatus(
        500,
        "InternalError",
        "Internal error occurred: the query of rule r.yaml:2 rules[0] for metric"
            + " http_requests_per_second returned a matrix; a metricsQuery must return an instant"
            + " vector grouped by the resource label",
        api.get(WEB_1));
  }

  @Test
  void healthEndpointsAnswerWithoutTouchingPrometheus() {
    for (String path : List.of("/healthz", "/livez", "/readyz")) {
      HttpResponse<Buffer> response = api.get(path);
      assertEquals(200, response.statusCode(), path);
      assertEquals("ok", response.bodyAsString(), path);
    }
    assertEquals(List.of(), prometheus.queries());
  }
}
