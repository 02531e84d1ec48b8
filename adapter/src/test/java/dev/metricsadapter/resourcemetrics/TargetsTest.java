package dev.metricsadapter.resourcemetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.query.LabelSelector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a metrics.k8s.io request asks for, and the keys objects are named by. */
class TargetsTest {

  private static final LabelSelector WEB = LabelSelector.parse("app=web");

  @Test
  void onePodIsListedInItsNamespaceAndIncludesOnlyItself() {
    Targets one = new Targets.One(ObjectKey.pod("demo", "web-1"), WEB);

    assertEquals(Optional.of("demo"), one.namespace());
    assertEquals(WEB, one.selector());
    assertTrue(one.includes(ObjectKey.pod("demo", "web-1")));
    assertFalse(one.includes(ObjectKey.pod("demo", "web-2")));
    assertFalse(one.includes(ObjectKey.pod("other", "web-1")));
  }

  @Test
  void oneNodeIsListedClusterWide() {
    Targets one = new Targets.One(ObjectKey.node("node-1"), LabelSelector.EVERYTHING);

    assertEquals(Optional.empty(), one.namespace());
    assertTrue(one.includes(ObjectKey.node("node-1")));
    assertFalse(one.includes(ObjectKey.node("node-2")));
  }

  @Test
  void allIncludesEveryObjectListed() {
    Targets all = new Targets.All(Optional.of("demo"), WEB);

    assertEquals(Optional.of("demo"), all.namespace());
    assertTrue(all.includes(ObjectKey.pod("demo", "anything")));
    assertEquals(
        Optional.empty(), new Targets.All(Optional.empty(), LabelSelector.EVERYTHING).namespace());
  }

  @Test
  void keysSortByNamespaceNodesFirstThenByNameAndPrintAsKubernetesDoes() {
    List<ObjectKey> keys =
        new ArrayList<>(
            List.of(
                ObjectKey.pod("demo", "web-2"),
                ObjectKey.node("node-1"),
                ObjectKey.pod("a", "z"),
                ObjectKey.pod("demo", "web-1")));
    Collections.sort(keys);

    assertEquals(
        List.of(
            ObjectKey.node("node-1"),
            ObjectKey.pod("a", "z"),
            ObjectKey.pod("demo", "web-1"),
            ObjectKey.pod("demo", "web-2")),
        keys);
    assertEquals("demo/web-1", ObjectKey.pod("demo", "web-1").toString());
    assertEquals("node-1", ObjectKey.node("node-1").toString());
    assertThrows(NullPointerException.class, () -> ObjectKey.pod(null, "web-1"));
  }
}
