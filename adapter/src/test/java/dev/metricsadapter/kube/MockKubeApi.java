package dev.metricsadapter.kube;

import dev.metricsadapter.testing.Futures;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Kubernetes mock API server (expectations mode) for each test, with a client for it ({@link
 * #clientFor}), a Vert.x and the adapter's worker pool for blocking Kubernetes calls; register with
 * {@code @RegisterExtension}. All are ready before the test's {@code @BeforeEach} methods run and
 * closed after its {@code @AfterEach} methods: the pool, Vert.x, the client, then the server.
 */
public final class MockKubeApi implements BeforeEachCallback, AfterEachCallback {

  private KubernetesMockServer server;
  private KubernetesClient client;
  private Vertx vertx;
  private WorkerExecutor workers;

  /**
   * A client for {@code url} configured like the adapter's, but without retries, so that a failing
   * answer fails at once.
   */
  public static KubernetesClient clientFor(String url) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url)
            .withTrustCerts(true)
            .withNamespace("test")
            .withConnectionTimeout(KubernetesConnections.CONNECT_TIMEOUT_MILLIS)
            .withRequestTimeout(KubernetesConnections.REQUEST_TIMEOUT_MILLIS)
            .withRequestRetryBackoffLimit(0)
            .build();
    return KubernetesConnections.client(config);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server = new KubernetesMockServer(false);
    server.init();
    client = clientFor(server.url("/"));
    vertx = Vertx.vertx();
    workers = KubernetesConnections.workerPool(vertx);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      workers.close();
      Futures.await(vertx.close());
      client.close();
    } finally {
      server.destroy();
    }
  }

  public KubernetesMockServer server() {
    return server;
  }

  /** A client for {@link #server()}, as {@link #clientFor} makes them. */
  public KubernetesClient client() {
    return client;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The adapter's worker pool for blocking Kubernetes calls, on {@link #vertx()}. */
  public WorkerExecutor workers() {
    return workers;
  }
}
