package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TableFormatTest {

  private static final TableFormat DEMO =
      new TableFormat(
          List.of("demo-app-1", "demo-app-2", "demo-app-3"),
          new HpaRule(Quantity.parse("10"), 0.1, 1, 10),
          3);

  private static MetricReading values(String... podsAndValues) {
    Map<String, Quantity> byPod = new HashMap<>();
    for (int i = 0; i < podsAndValues.length; i += 2) {
      byPod.put(podsAndValues[i], Quantity.parse(podsAndValues[i + 1]));
    }
    return new MetricReading.Values(byPod);
  }

  @Test
  void showsEveryPodTheAverageAndTheReplicasWanted() {
    assertEquals(
        "t=35s  load=60 rps  demo-app-1=15.2 demo-app-2=14.9 demo-app-3=15.1"
            + "  avg=15.07/pod (target 10)  HPA wants 5 replicas",
        DEMO.line(
            35,
            OptionalDouble.of(59.6),
            values("demo-app-1", "15200m", "demo-app-2", "14900m", "demo-app-3", "15100m")));
  }

  @Test
  void aPodWithoutValueShowsADashAndStaysOutOfTheAverage() {
    assertEquals(
        "t=5s  load=3 rps  demo-app-1=2.0 demo-app-2=- demo-app-3=1.0"
            + "  avg=1.50/pod (target 10)  HPA wants 1 replica",
        DEMO.line(
            5,
            OptionalDouble.of(3),
            values("demo-app-1", "2", "demo-app-3", "1", "other-pod", "1000")));
  }

  @Test
  void withoutValuesTheLineSaysSo() {
    assertEquals(
        "t=0s  load=- rps  demo-app-1=- demo-app-2=- demo-app-3=-  (no values)",
        DEMO.line(0, OptionalDouble.empty(), values()));
  }

  @Test
  void anErrorShowsInsteadOfTheValues() {
    assertEquals(
        "t=10s  load=20 rps  adapter: HTTP 503 ServiceUnavailable: discovery has not run yet",
        DEMO.line(
            10,
            OptionalDouble.of(20),
            new MetricReading.Failure("HTTP 503 ServiceUnavailable: discovery has not run yet")));
  }

  @Test
  void needsRunningReplicas() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TableFormat(List.of("p"), new HpaRule(Quantity.parse("1"), 0, 1, 1), 0));
    assertEquals("--replicas must be at least 1, got 0", e.getMessage());
  }
}
