package dev.metricsadapter.app;

import dev.metricsadapter.kube.DiscoveryResourceMapper;
import dev.metricsadapter.kube.KubernetesConnections;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;
import java.util.Set;

/** Decides the {@link Mode} from {@code --kubeconfig} and the environment, and builds it. */
final class KubernetesModule {

  private KubernetesModule() {}

  /**
   * The standalone mode, or a connection with its REST mapping started. Building a client does not
   * contact the API server.
   *
   * @param kubeconfig {@code none}, a kubeconfig path, or empty for the default lookup
   * @param ownGroups the API groups this adapter serves (never read from API discovery)
   */
  static Mode connect(Vertx vertx, Optional<String> kubeconfig, Set<String> ownGroups) {
    Optional<KubernetesClient> connection = KubernetesConnections.fromSystem().connect(kubeconfig);
    if (connection.isEmpty()) {
      return new Mode.Standalone();
    }
    KubernetesClient client = connection.get();
    WorkerExecutor workers = KubernetesConnections.workerPool(vertx);
    DiscoveryResourceMapper restMapping =
        new DiscoveryResourceMapper(vertx, workers, client, new BuiltinResourceMapper(), ownGroups);
    Mode.Connected mode = new Mode.Connected(client, workers, restMapping);
    restMapping.start(Mode.REST_MAPPING_REFRESH);
    return mode;
  }
}
