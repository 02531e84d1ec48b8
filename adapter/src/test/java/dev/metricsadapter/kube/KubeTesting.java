package dev.metricsadapter.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

  /** The future's result, waiting at most 10 s. */
  static <T> T await(Future<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The future's failure, waiting at most 10 s. */
  static Throwable awaitFailure(Future<?> future) throws InterruptedException, TimeoutException {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure, got " + future.result());
  }
}
