package dev.metricsadapter.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;

/** fabric8 clients with deadlines on every call. */
final class KubeClients {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private KubeClients() {}

  /**
   * A client from {@code kubeconfig} (its current context); the caller closes it. Building it does
   * not contact the server.
   *
   * @throws io.fabric8.kubernetes.client.KubernetesClientException if the file cannot be read
   */
  static KubernetesClient fromKubeconfig(Path kubeconfig) {
    return build(Config.fromKubeconfig(kubeconfig.toFile()));
  }

  /** A client configured as fabric8 does by default ({@code $KUBECONFIG}, ~/.kube/config, ...). */
  static KubernetesClient autoConfigured() {
    return build(Config.autoConfigure(null));
  }

  private static KubernetesClient build(Config config) {
    config.setConnectionTimeout((int) CONNECT_TIMEOUT.toMillis());
    config.setRequestTimeout((int) REQUEST_TIMEOUT.toMillis());
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
