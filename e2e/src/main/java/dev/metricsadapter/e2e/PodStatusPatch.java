package dev.metricsadapter.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The JSON merge patch of {@code pods/<name>/status} that makes a pod look as a kubelet would
 * report it once its containers run and pass their readiness probes: phase {@code Running},
 * conditions {@code PodScheduled}, {@code Initialized}, {@code ContainersReady} and {@code Ready}
 * {@code True}, pod and host IP {@code 127.0.0.1}, and a running, ready, started status for each
 * container of the spec (init containers are not reported). Pure.
 */
final class PodStatusPatch {
  static final String LOOPBACK = "127.0.0.1";
  private static final List<String> CONDITIONS =
      List.of("PodScheduled", "Initialized", "ContainersReady", "Ready");
  private static final ObjectMapper JSON = new ObjectMapper();

  private PodStatusPatch() {}

  /**
   * The patch for {@code pod}, whose process {@code pid} started at {@code startedAt} and became
   * ready at {@code readyAt}. Times are written in RFC 3339 with whole seconds, as Kubernetes does.
   * Every container gets the same {@code containerID} {@code process://PID}.
   */
  static ObjectNode running(Pod pod, long pid, Instant startedAt, Instant readyAt) {
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode status = patch.putObject("status");
    status.put("phase", "Running");
    ArrayNode conditions = status.putArray("conditions");
    for (String type : CONDITIONS) {
      conditions
          .addObject()
          .put("type", type)
          .put("status", "True")
          .put("lastTransitionTime", time(type.equals("PodScheduled") ? startedAt : readyAt));
    }
    status.put("hostIP", LOOPBACK);
    status.putArray("hostIPs").addObject().put("ip", LOOPBACK);
    status.put("podIP", LOOPBACK);
    status.putArray("podIPs").addObject().put("ip", LOOPBACK);
    status.put("startTime", time(startedAt));
    ArrayNode containers = status.putArray("containerStatuses");
    for (Container container : pod.getSpec().getContainers()) {
      ObjectNode containerStatus =
          containers
              .addObject()
              .put("name", container.getName())
              .put("image", container.getImage())
              .put("imageID", "")
              .put("containerID", "process://" + pid)
              .put("ready", true)
              .put("started", true)
              .put("restartCount", 0);
      containerStatus.putObject("state").putObject("running").put("startedAt", time(startedAt));
    }
    return patch;
  }

  private static String time(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
