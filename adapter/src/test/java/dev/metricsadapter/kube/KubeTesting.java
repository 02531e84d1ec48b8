package dev.metricsadapter.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/** Shared helpers for the kube package's tests. */
final class KubeTesting {
  private KubeTesting() {}

  /**
   * A client for a mock server configured like production clients, but without retries, so a
   * failing answer fails at once.
   */
  static KubernetesClient clientFor(KubernetesMockServer server) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(server.url("/"))
            .withTrustCerts(true)
            .withNamespace("test")
            .withConnectionTimeout(KubernetesConnections.CONNECT_TIMEOUT_MILLIS)
            .withRequestTimeout(KubernetesConnections.REQUEST_TIMEOUT_MILLIS)
            .withRequestRetryBackoffLimit(0)
            .build();
    return KubernetesConnections.client(config);
  }
}
