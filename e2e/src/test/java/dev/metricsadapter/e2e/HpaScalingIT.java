package dev.metricsadapter.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real HPA controller scales the demo Deployment on {@code http_requests_per_second} served by
 * the adapter through the aggregator: from 1 replica to at least 3 under load, and back to 1 after
 * it, as read from the API server.
 */
@ExtendWith(AdapterCluster.Resolver.class)
class HpaScalingIT {

  /** Five times the HPA's target of 10 requests per second per pod. */
  private static final int LOAD_PER_SECOND = 50;

  @Test
  void scalesUpUnderLoadAndBackDownAfterIt(AdapterCluster cluster) throws Exception {
    Demo.apply(cluster);
    await("the HPA reads its metric")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> Demo.validMetricFound(cluster));
    await("one replica before the load")
        .atMost(Duration.ofSeconds(180))
        .until(() -> Demo.replicas(cluster) == 1);

    long started = System.nanoTime();
    long scaledUp;
    try (DemoLoad load = DemoLoad.start(Path.of(cluster.env("FILE_SD_DIR")), LOAD_PER_SECOND)) {
      await("at least 3 replicas under load")
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> Demo.replicas(cluster) >= 3);
      scaledUp = System.nanoTime();
      System.out.printf(
          "e2e: %d replicas %d s after the load started (%d requests sent)%n",
          Demo.replicas(cluster), (scaledUp - started) / 1_000_000_000L, load.sent());
    }
    long stopped = System.nanoTime();
    await("back to 1 replica after the load")
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> Demo.replicas(cluster) == 1);
    System.out.printf(
        "e2e: back to 1 replica %d s after the load stopped%n",
        (System.nanoTime() - stopped) / 1_000_000_000L);
    assertTrue(Demo.validMetricFound(cluster), "the HPA still reads its metric");
  }
}
