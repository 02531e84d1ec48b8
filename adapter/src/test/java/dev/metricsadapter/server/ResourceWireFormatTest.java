package dev.metricsadapter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.resourcemetrics.ResourceUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact bytes of PodMetrics and NodeMetrics, alone and in lists, field order included. */
class ResourceWireFormatTest {

  private static final Instant SAMPLED = Instant.parse("2026-08-21T10:15:30.500Z");
  private static final Instant CREATED = Instant.parse("2026-08-21T10:16:00.900Z");
  private static final Duration WINDOW = Duration.ofSeconds(90);

  private static final ResourceUsage.Pod WEB =
      new ResourceUsage.Pod(
          "demo",
          "web-1",
          Map.of("tier", "front", "app", "web"),
          SAMPLED,
          WINDOW,
          List.of(
              new ResourceUsage.Container("app", new BigDecimal("0.25"), new BigDecimal(1572864)),
              new ResourceUsage.Container("sidecar", BigDecimal.ZERO, BigDecimal.ZERO)));
  private static final ResourceUsage.Pod BATCH =
      new ResourceUsage.Pod(
          "jobs",
          "batch-1",
          Map.of(),
          Instant.parse("2026-08-21T10:15:31Z"),
          WINDOW,
          List.of(new ResourceUsage.Container("main", new BigDecimal("2"), new BigDecimal(1000))));
  private static final ResourceUsage.Node NODE =
      new ResourceUsage.Node(
          "node-1",
          Map.of("note", "say \"hi\" é/"),
          SAMPLED,
          Duration.ofMinutes(1),
          new BigDecimal("1.5"),
          new BigDecimal(2147483648L));

  @Test
  void podMetricsListLabelsSortedNamespaceAfterName() {
    assertEquals(
        "{\"kind\":\"PodMetricsList\",\"apiVersion\":\"metrics.k8s.io/v1beta1\",\"metadata\":{},"
            + "\"items\":["
            + "{\"metadata\":{\"name\":\"web-1\",\"namespace\":\"demo\","
            + "\"creationTimestamp\":\"2026-08-21T10:16:00Z\","
            + "\"labels\":{\"app\":\"web\",\"tier\":\"front\"}},"
            + "\"timestamp\":\"2026-08-21T10:15:30Z\",\"window\":\"1m30s\",\"containers\":["
            + "{\"name\":\"app\",\"usage\":{\"cpu\":\"250m\",\"memory\":\"1536Ki\"}},"
            + "{\"name\":\"sidecar\",\"usage\":{\"cpu\":\"0\",\"memory\":\"0\"}}]},"
            + "{\"metadata\":{\"name\":\"batch-1\",\"namespace\":\"jobs\","
            + "\"creationTimestamp\":\"2026-08-21T10:16:00Z\"},"
            + "\"timestamp\":\"2026-08-21T10:15:31Z\",\"window\":\"1m30s\",\"containers\":["
            + "{\"name\":\"main\",\"usage\":{\"cpu\":\"2\",\"memory\":\"1000\"}}]}]}",
        ResourceWireFormat.PODS.list(List.of(WEB, BATCH), CREATED).toString());
  }

  @Test
  void onePodMetricsHasKindAndApiVersionFirst() {
    assertEquals(
        "{\"kind\":\"PodMetrics\",\"apiVersion\":\"metrics.k8s.io/v1beta1\","
            + "\"metadata\":{\"name\":\"batch-1\",\"namespace\":\"jobs\","
            + "\"creationTimestamp\":\"2026-08-21T10:16:00Z\"},"
            + "\"timestamp\":\"2026-08-21T10:15:31Z\",\"window\":\"1m30s\",\"containers\":["
            + "{\"name\":\"main\",\"usage\":{\"cpu\":\"2\",\"memory\":\"1000\"}}]}",
        ResourceWireFormat.PODS.single(BATCH, CREATED).toString());
  }

  @Test
  void nodeMetricsHaveNoNamespaceAndOneUsage() {
    String node =
        "\"metadata\":{\"name\":\"node-1\",\"creationTimestamp\":\"2026-08-21T10:16:00Z\","
            + "\"labels\":{\"note\":\"say \\\"hi\\\" é/\"}},"
            + "\"timestamp\":\"2026-08-21T10:15:30Z\",\"window\":\"1m0s\","
            + "\"usage\":{\"cpu\":\"1500m\",\"memory\":\"2Gi\"}";
    assertEquals(
        "{\"kind\":\"NodeMetrics\",\"apiVersion\":\"metrics.k8s.io/v1beta1\"," + node + "}",
        ResourceWireFormat.NODES.single(NODE, CREATED).toString());
    assertEquals(
        "{\"kind\":\"NodeMetricsList\",\"apiVersion\":\"metrics.k8s.io/v1beta1\",\"metadata\":{},"
            + "\"items\":[{"
            + node
            + "}]}",
        ResourceWireFormat.NODES.list(List.of(NODE), CREATED).toString());
  }

  @Test
  void anEmptyListAndTheResourceNamesOfMessages() {
    assertEquals(
        "{\"kind\":\"NodeMetricsList\",\"apiVersion\":\"metrics.k8s.io/v1beta1\",\"metadata\":{},"
            + "\"items\":[]}",
        ResourceWireFormat.NODES.list(List.of(), CREATED).toString());
    assertEquals("podmetrics", ResourceWireFormat.PODS.resource());
    assertEquals("nodemetrics", ResourceWireFormat.NODES.resource());
  }
}
