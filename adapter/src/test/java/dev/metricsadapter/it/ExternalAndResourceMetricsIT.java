package dev.metricsadapter.it;

import static dev.metricsadapter.testing.AdapterUnderTest.RULES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metricsadapter.testing.AdapterUnderTest;
import dev.metricsadapter.testing.Kubectl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * external.metrics.k8s.io and metrics.k8s.io against a real Prometheus with backfilled data, with
 * the repository's rules plus a namespaced: false external rule; kubectl as a real client. The last
 * test stops Prometheus.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalAndResourceMetricsIT {

  private static final String EXTERNAL = "/apis/external.metrics.k8s.io/v1beta1/namespaces/";
  private static final String RESOURCE = "/apis/metrics.k8s.io/v1beta1/";

  @RegisterExtension
  static final AdapterUnderTest stack =
      AdapterUnderTest.withRules(ExternalAndResourceMetricsIT::repositoryRulesAndAClusterWideOne)
          // No result cache: the last test expects Prometheus' outage at once.
          .flags("--cache-ttl=0s");

  /** The repository's rules plus a namespaced: false external rule. */
  private static Path repositoryRulesAndAClusterWideOne(Path dir) throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    try (Stream<Path> files = Files.list(RULES)) {
      for (Path file : files.toList()) {
        Files.copy(file, rules.resolve(file.getFileName()));
      }
    }
    Files.writeString(
        rules.resolve("zz-cluster-wide.yaml"),
        """
        externalRules:
        - seriesQuery: '{__name__="node_temperature_celsius"}'
          resources: {namespaced: false}
          name: {as: hottest_node_celsius}
          metricsQuery: max(<<.Series>>{<<.LabelMatchers>>}) by (node)
        """);
    return rules;
  }

  private static JsonObject ok(String path) throws Exception {
    return new JsonObject(stack.adapter().getOk(path).body());
  }

  @Test
  @Order(1)
  void externalMetricsWithLabelsAndSelectors() throws Exception {
    JsonObject discovery = ok("/apis/external.metrics.k8s.io/v1beta1");
    List<String> names = new ArrayList<>();
    discovery.getJsonArray("resources").forEach(r -> names.add(((JsonObject) r).getString("name")));
    assertEquals(List.of("hottest_node_celsius", "http_errors_per_second"), names);

    JsonArray errors = ok(EXTERNAL + "demo/http_errors_per_second").getJsonArray("items");
    assertEquals(1, errors.size());
    assertEquals("250m", errors.getJsonObject(0).getString("value"));
    assertEquals("http_errors_per_second", errors.getJsonObject(0).getString("metricName"));

    assertEquals(
        0,
        ok(EXTERNAL + "demo/http_errors_per_second?labelSelector=app%3Dweb")
            .getJsonArray("items")
            .size());
    assertEquals(
        "250m",
        ok(EXTERNAL + "demo/http_errors_per_second?labelSelector=app%3Dapi")
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("value"));
    assertEquals(0, ok(EXTERNAL + "elsewhere/http_errors_per_second").getJsonArray("items").size());

    JsonObject hottest =
        ok(EXTERNAL + "any-namespace/hottest_node_celsius").getJsonArray("items").getJsonObject(0);
    assertEquals("42500m", hottest.getString("value"));
    assertEquals(new JsonObject().put("node", "node-1"), hottest.getJsonObject("metricLabels"));

    assertEquals(404, stack.adapter().get(EXTERNAL + "demo/nope").statusCode());
  }

  @Test
  @Order(2)
  void podAndNodeUsageWithExactQuantities() throws Exception {
    JsonArray pods = ok(RESOURCE + "namespaces/demo/pods").getJsonArray("items");
    assertEquals(1, pods.size());
    JsonObject pod = pods.getJsonObject(0);
    assertEquals("web-1", pod.getJsonObject("metadata").getString("name"));
    assertEquals("3m0s", pod.getString("window"));
    assertEquals(
        new JsonArray()
            .add(
                new JsonObject()
                    .put("name", "app")
                    .put("usage", new JsonObject().put("cpu", "250m").put("memory", "1536Ki"))),
        pod.getJsonArray("containers"));
    assertEquals("PodMetrics", ok(RESOURCE + "namespaces/demo/pods/web-1").getString("kind"));
    assertEquals(1, ok(RESOURCE + "pods").getJsonArray("items").size());

    JsonObject node = ok(RESOURCE + "nodes").getJsonArray("items").getJsonObject(0);
    assertEquals(
        new JsonObject().put("cpu", "1500m").put("memory", "4Gi"), node.getJsonObject("usage"));
    assertEquals(
        "node-1", ok(RESOURCE + "nodes/node-1").getJsonObject("metadata").getString("name"));

    assertEquals(0, ok(RESOURCE + "namespaces/empty/pods").getJsonArray("items").size());
    HttpResponse<String> missing = stack.adapter().get(RESOURCE + "namespaces/demo/pods/web-2");
    assertEquals(404, missing.statusCode());
    assertEquals(
        "podmetrics.metrics.k8s.io \"demo/web-2\" not found",
        new JsonObject(missing.body()).getString("message"));
  }

  @Test
  @Order(3)
  void kubectlReadsTheExternalApiAndTopWorks() throws Exception {
    assumeTrue(Kubectl.installed(), "kubectl is not installed");
    String path = EXTERNAL + "demo/http_errors_per_second";
    JsonObject viaKubectl = new JsonObject(kubectl("get", "--raw", path));
    JsonObject viaHttp = new JsonObject(stack.adapter().get(path).body());
    // Two instant queries a moment apart may be evaluated in different seconds.
    viaKubectl.getJsonArray("items").getJsonObject(0).remove("timestamp");
    viaHttp.getJsonArray("items").getJsonObject(0).remove("timestamp");
    assertEquals(viaHttp, viaKubectl);
    String pods = kubectl("top", "pods", "-n", "demo");
    assertTrue(
        pods.matches("(?s)NAME\\s+CPU\\(cores\\)\\s+MEMORY\\(bytes\\)\\s+web-1\\s+250m\\s+1Mi\\s*"),
        pods);
    // Without the nodes' allocatable resources kubectl would print memory under CPU(%).
    String nodes = run("top", "nodes").failed();
    assertTrue(
        nodes.contains("the metrics adapter does not serve nodes: kubectl top nodes needs"), nodes);
    JsonObject nodeMetrics = new JsonObject(kubectl("get", "--raw", RESOURCE + "nodes"));
    JsonObject usage = nodeMetrics.getJsonArray("items").getJsonObject(0).getJsonObject("usage");
    assertEquals(new JsonObject().put("cpu", "1500m").put("memory", "4Gi"), usage);
  }

  @Test
  @Order(4)
  void prometheusDownIsServiceUnavailable() throws Exception {
    stack.prometheus().stop();
    assertEquals(503, stack.adapter().get(EXTERNAL + "demo/http_errors_per_second").statusCode());
    assertEquals(503, stack.adapter().get(RESOURCE + "namespaces/demo/pods").statusCode());
    assertEquals(200, stack.adapter().get("/apis/external.metrics.k8s.io/v1beta1").statusCode());
  }

  private static String kubectl(String... args) throws IOException, InterruptedException {
    return run(args).succeeded();
  }

  private static Kubectl.Run run(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("--token=x"));
    all.addAll(List.of(args));
    return Kubectl.run(stack.adapter().url(), all.toArray(String[]::new));
  }
}
