package dev.metricsadapter.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The project's demo (Deployment, Service, HPA) on an {@link AdapterCluster}, for the tests. */
final class Demo {

  static final String NAMESPACE = "demo";
  static final String NAME = "demo-app";
  static final Path OVERLAY = Path.of("local", "demo").toAbsolutePath();
  static final String PODS_METRIC =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second";

  private Demo() {}

  /**
   * Applies {@code e2e/local/demo} (idempotent) and waits until the demo's pods are Running and the
   * adapter serves their request rate through the aggregator.
   */
  static void apply(AdapterCluster cluster) throws Exception {
    cluster.kubectlOk("apply", "-k", OVERLAY.toString());
    awaitServed(cluster, "the demo's metric", PODS_METRIC);
  }

  /**
   * Waits (at most 120 s) until the custom metrics API {@code path} answers through the aggregator
   * with at least one value of an object; {@code what} names it in the failure message.
   */
  static void awaitServed(AdapterCluster cluster, String what, String path) {
    await(what + " is served through the aggregator")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              AdapterCluster.Run run = cluster.kubectl("get", "--raw", path);
              return run.exitCode() == 0 && run.output().contains("\"describedObject\"");
            });
  }

  /** The demo HPA as the API server has it now. */
  static HorizontalPodAutoscaler hpa(AdapterCluster cluster) {
    return KubernetesDemo.hpa(cluster.admin());
  }

  /** The HPA's condition of {@code type}, if it has one. */
  static Optional<HorizontalPodAutoscalerCondition> condition(
      HorizontalPodAutoscaler hpa, String type) {
    if (hpa == null || hpa.getStatus() == null || hpa.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    List<HorizontalPodAutoscalerCondition> conditions = hpa.getStatus().getConditions();
    return conditions.stream().filter(c -> c.getType().equals(type)).findFirst();
  }

  /** Whether the HPA reads its metric: ScalingActive is True with reason ValidMetricFound. */
  static boolean validMetricFound(AdapterCluster cluster) {
    return condition(hpa(cluster), "ScalingActive")
        .map(c -> c.getStatus().equals("True") && c.getReason().equals("ValidMetricFound"))
        .orElse(false);
  }

  /** The Deployment's {@code spec.replicas}, as the HPA sets it. */
  static int replicas(AdapterCluster cluster) {
    return KubernetesDemo.replicas(cluster.admin());
  }
}
