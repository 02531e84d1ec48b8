package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RequireTest {

  @Test
  void namesTheFirstNullValue() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> Require.nonNull("a", 1, "b", null, "c", null));
    assertEquals("b", e.getMessage());
  }

  @Test
  void passesValuesThatAreAllThere() {
    assertDoesNotThrow(() -> Require.nonNull("a", 1, "b", ""));
  }
}
