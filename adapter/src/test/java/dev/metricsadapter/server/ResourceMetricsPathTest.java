package dev.metricsadapter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.metricsadapter.failure.BadRequestException;
import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.query.SelectorException;
import dev.metricsadapter.resourcemetrics.ObjectKey;
import dev.metricsadapter.resourcemetrics.Targets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each metrics.k8s.io path shape as the targets it asks for. */
class ResourceMetricsPathTest {

  private static ResourceMetricsPath parse(String path, String labelSelector) {
    return ResourceMetricsPath.parse(List.of(path.split("/")), labelSelector);
  }

  @Test
  void everyServedShape() {
    LabelSelector web = LabelSelector.parse("app=web");
    assertEquals(
        new ResourceMetricsPath(true, new Targets.All(Optional.empty(), web)),
        parse("nodes", "app=web"));
    assertEquals(
        new ResourceMetricsPath(
            true, new Targets.One(ObjectKey.node("node-1"), LabelSelector.EVERYTHING)),
        parse("nodes/node-1", null));
    assertEquals(
        new ResourceMetricsPath(false, new Targets.All(Optional.empty(), LabelSelector.EVERYTHING)),
        parse("pods", null));
    assertEquals(
        new ResourceMetricsPath(false, new Targets.All(Optional.of("demo"), web)),
        parse("namespaces/demo/pods", "app=web"));
    assertEquals(
        new ResourceMetricsPath(
            false, new Targets.One(ObjectKey.pod("demo", "web-1"), LabelSelector.EVERYTHING)),
        parse("namespaces/demo/pods/web-1", null));
  }

  @Test
  void otherShapesAreNotFoundAndBadNamesOrSelectorsAreBadRequests() {
    for (String path :
        List.of(
            "pods/web-1",
            "namespaces/demo/nodes",
            "namespaces/demo",
            "nodes/node-1/x",
            "namespaces/demo/pods/web-1/x",
            "services")) {
      assertThrows(PathNotFoundException.class, () -> parse(path, null), path);
    }
    assertThrows(BadRequestException.class, () -> parse("namespaces/Demo/pods", null));
    assertThrows(BadRequestException.class, () -> parse("nodes/-x", null));
    assertThrows(SelectorException.class, () -> parse("nodes", "a in"));
  }

  @Test
  void fieldsForTheTraceInOrderWithoutAbsentOnes() {
    assertEquals(
        "{resource=pods, namespace=demo, name=web-1, labelSelector=app=web}",
        parse("namespaces/demo/pods/web-1", "app=web").fields().toString());
    assertEquals(Map.of("resource", "nodes"), parse("nodes", null).fields());
  }
}
