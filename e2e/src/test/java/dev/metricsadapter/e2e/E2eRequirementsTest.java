package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class E2eRequirementsTest {
  @Test
  void skipsWithTheReasonWhenNotRequired() {
    TestAbortedException e =
        assertThrows(TestAbortedException.class, () -> E2eRequirements.unavailable("no go", false));
    assertTrue(e.getMessage().contains("no go"), e.getMessage());
    assertTrue(e.getMessage().contains("E2E_REQUIRED=true"), e.getMessage());
  }

  @Test
  void failsWithTheReasonWhenRequired() {
    AssertionFailedError e =
        assertThrows(AssertionFailedError.class, () -> E2eRequirements.unavailable("no go", true));
    assertTrue(e.getMessage().startsWith("E2E_REQUIRED=true, but"), e.getMessage());
    assertTrue(e.getMessage().contains("no go"), e.getMessage());
  }
}
