package dev.metricsadapter.testing;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.List;

/**
 * The pods of {@link DemoData} as Kubernetes objects, for a mock API server: web-1, web-2 and web-3
 * ({@code app=web}; web-3 has no samples) and api-1 ({@code app=api}) in namespace {@code demo}.
 */
public final class DemoPods {

  private record Pod(String name, String app) {}

  private static final List<Pod> PODS =
      List.of(
          new Pod("web-1", "web"),
          new Pod("web-2", "web"),
          new Pod("web-3", "web"),
          new Pod("api-1", "api"));

  private DemoPods() {}

  /** Creates the pods through {@code client}, or updates them where they exist. */
  public static void createOrUpdate(KubernetesClient client) {
    for (Pod pod : PODS) {
      client
          .pods()
          .inNamespace("demo")
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName(pod.name())
                  .withNamespace("demo")
                  .addToLabels("app", pod.app())
                  .endMetadata()
                  .build())
          .createOr(NonDeletingOperation::update);
    }
  }
}
