package dev.metricsadapter.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricValueStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The other HPA shapes the adapter serves, each read by the real HPA controller: the Object
 * (Service) and External examples of {@code manifests/demo/examples/} with the values the adapter
 * serves, and an HPA on CPU utilization through {@code metrics.k8s.io} (the resourceRules).
 */
@ExtendWith(AdapterCluster.Resolver.class)
class HpaExamplesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLES =
      Path.of("..", "manifests", "demo", "examples").toAbsolutePath();

  @BeforeEach
  void demoRuns(AdapterCluster cluster) throws Exception {
    Demo.apply(cluster);
  }

  @AfterEach
  void shippedHpaBack(AdapterCluster cluster) throws Exception {
    cluster.kubectlOk("apply", "-k", Demo.OVERLAY.toString());
  }

  /**
   * An example of {@code manifests/demo/examples/}: its HPA's metric type, where the adapter serves
   * the value that HPA reads, and where the HPA's status has it.
   */
  record Example(
      String file, String type, String path, Function<MetricStatus, MetricValueStatus> current) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Example> examples() {
    return Stream.of(
        new Example(
            "hpa-object.yaml",
            "Object",
            "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/services/demo-app/http_requests_per_second",
            metric -> metric.getObject().getCurrent()),
        // One replica: the HPA's average is the sum of the items, the one value served.
        new Example(
            "hpa-external.yaml",
            "External",
            "/apis/external.metrics.k8s.io/v1beta1/namespaces/demo/http_errors_per_second",
            metric -> metric.getExternal().getCurrent()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void theExampleReadsWhatTheAdapterServes(Example example, AdapterCluster cluster)
      throws Exception {
    assertEquals(example.type(), applyAndRead(cluster, EXAMPLES.resolve(example.file())).getType());
    awaitTheHpaReadsWhatIsServed(cluster, example.path(), example.current());
  }

  @Test
  void anHpaOnCpuGetsTheUtilizationFromMetricsK8sIo(AdapterCluster cluster) throws Exception {
    HorizontalPodAutoscaler cpu =
        new HorizontalPodAutoscalerBuilder()
            .withNewMetadata()
            .withName(Demo.NAME)
            .withNamespace(Demo.NAMESPACE)
            .endMetadata()
            .withNewSpec()
            .withNewScaleTargetRef("apps/v1", "Deployment", Demo.NAME)
            .withMinReplicas(1)
            .withMaxReplicas(3)
            .addNewMetric()
            .withType("Resource")
            .withNewResource()
            .withName("cpu")
            .withNewTarget()
            .withType("Utilization")
            .withAverageUtilization(80)
            .endTarget()
            .endResource()
            .endMetric()
            .endSpec()
            .build();
    cluster.admin().resource(cpu).createOr(existing -> existing.update());
    await("the HPA reports a CPU utilization")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              List<MetricStatus> metrics = currentMetrics(Demo.hpa(cluster));
              return !metrics.isEmpty()
                  && metrics.get(0).getResource() != null
                  && metrics.get(0).getResource().getCurrent().getAverageUtilization() != null;
            });
    JsonNode podMetrics =
        JSON.readTree(
            cluster.kubectlOk("get", "--raw", "/apis/metrics.k8s.io/v1beta1/namespaces/demo/pods"));
    assertEquals("PodMetricsList", podMetrics.path("kind").asText());
  }

  private static MetricStatus applyAndRead(AdapterCluster cluster, Path example) throws Exception {
    cluster.kubectlOk("apply", "-f", example.toString());
    await("the HPA of " + example.getFileName() + " reads its metric")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                Demo.validMetricFound(cluster)
                    && !currentMetrics(Demo.hpa(cluster)).isEmpty()
                    && !currentMetrics(Demo.hpa(cluster)).get(0).getType().equals("Pods"));
    return currentMetrics(Demo.hpa(cluster)).get(0);
  }

  /**
   * Waits until the HPA's current value equals what the adapter serves at {@code path} (a load
   * another test drove may still be fading out of the rate window; then both settle at the idle
   * value).
   */
  private static void awaitTheHpaReadsWhatIsServed(
      AdapterCluster cluster, String path, Function<MetricStatus, MetricValueStatus> current) {
    await("the HPA's value equals the adapter's at " + path)
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                Quantity.getAmountInBytes(new Quantity(value(cluster, path)))
                        .compareTo(
                            Quantity.getAmountInBytes(
                                valueOf(current.apply(currentMetrics(Demo.hpa(cluster)).get(0)))))
                    == 0);
  }

  /** The HPA's current value: the average where it has one (its target is an AverageValue). */
  private static Quantity valueOf(MetricValueStatus current) {
    return current.getAverageValue() != null ? current.getAverageValue() : current.getValue();
  }

  private static List<MetricStatus> currentMetrics(HorizontalPodAutoscaler hpa) {
    return hpa == null || hpa.getStatus() == null || hpa.getStatus().getCurrentMetrics() == null
        ? List.of()
        : hpa.getStatus().getCurrentMetrics();
  }

  /** The first item's value the adapter serves at {@code path}, through the aggregator. */
  private static String value(AdapterCluster cluster, String path) throws Exception {
    return JSON.readTree(cluster.kubectlOk("get", "--raw", path))
        .path("items")
        .get(0)
        .path("value")
        .asText();
  }
}
