package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

class GuardedHandlerTest {

  @Test
  void addsAndUpdatesAreSeenDeletesGone() {
    List<String> events = new ArrayList<>();
    GuardedHandler<String> handler =
        new GuardedHandler<>(
            NOPLogger.NOP_LOGGER,
            "cannot handle",
            object -> events.add("seen " + object),
            object -> events.add("gone " + object));

    handler.onAdd("a");
    handler.onUpdate("a", "a2");
    handler.onDelete("a2", false);

    assertEquals(List.of("seen a", "seen a2", "gone a2"), events);
  }

  @Test
  void whatAHandlerThrowsStaysInside() {
    GuardedHandler<String> handler =
        new GuardedHandler<>(
            NOPLogger.NOP_LOGGER,
            "cannot handle",
            object -> {
              throw new IllegalStateException(object);
            },
            object -> {
              throw new IllegalStateException(object);
            });

    assertDoesNotThrow(() -> handler.onAdd("a"));
    assertDoesNotThrow(() -> handler.onUpdate("a", "b"));
    assertDoesNotThrow(() -> handler.onDelete("b", true));
  }
}
