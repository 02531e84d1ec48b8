package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PodStatusPatchTest {
  @Test
  void reportsThePodRunningAndReadyOnLoopbackWithEveryContainerRunning() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("web-1")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("demo-app:1")
            .endContainer()
            .addNewContainer()
            .withName("sidecar")
            .withImage("proxy:2")
            .endContainer()
            .endSpec()
            .build();

    String patch =
        PodStatusPatch.running(
                pod,
                4242,
                Instant.parse("2025-01-02T03:04:05.678Z"),
                Instant.parse("2025-01-02T03:04:07.100Z"))
            .toString();

    String running =
        "\"containerID\":\"process://4242\",\"ready\":true,\"started\":true,\"restartCount\":0,"
            + "\"state\":{\"running\":{\"startedAt\":\"2025-01-02T03:04:05Z\"}}}";
    assertEquals(
        "{\"status\":{\"phase\":\"Running\",\"conditions\":["
            + "{\"type\":\"PodScheduled\",\"status\":\"True\",\"lastTransitionTime\":\"2025-01-02T03:04:05Z\"},"
            + "{\"type\":\"Initialized\",\"status\":\"True\",\"lastTransitionTime\":\"2025-01-02T03:04:07Z\"},"
            + "{\"type\":\"ContainersReady\",\"status\":\"True\",\"lastTransitionTime\":\"2025-01-02T03:04:07Z\"},"
            + "{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"2025-01-02T03:04:07Z\"}],"
            + "\"hostIP\":\"127.0.0.1\",\"hostIPs\":[{\"ip\":\"127.0.0.1\"}],"
            + "\"podIP\":\"127.0.0.1\",\"podIPs\":[{\"ip\":\"127.0.0.1\"}],"
            + "\"startTime\":\"2025-01-02T03:04:05Z\",\"containerStatuses\":["
            + "{\"name\":\"app\",\"image\":\"demo-app:1\",\"imageID\":\"\","
            + running
            + ",{\"name\":\"sidecar\",\"image\":\"proxy:2\",\"imageID\":\"\","
            + running
            + "]}}",
        patch);
  }
}
