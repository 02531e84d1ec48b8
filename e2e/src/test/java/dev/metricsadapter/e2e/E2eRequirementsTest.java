package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class E2eRequirementsTest {

  /** Not required: skipped, saying how to fail instead; required: failed, saying why. */
  static Stream<Arguments> outcomes() {
    return Stream.of(
        Arguments.of(
            false,
            TestAbortedException.class,
            "a local Kubernetes control plane cannot run here: no go"
                + " (set E2E_REQUIRED=true to fail instead of skipping)"),
        Arguments.of(
            true,
            AssertionFailedError.class,
            "E2E_REQUIRED=true, but a local Kubernetes control plane cannot run here: no go"));
  }

  @ParameterizedTest(name = "required={0}: {1}")
  @MethodSource("outcomes")
  void anUnavailableControlPlaneEndsTheTestWithTheReason(
      boolean required, Class<? extends Throwable> outcome, String message) {
    Throwable e = assertThrows(outcome, () -> E2eRequirements.unavailable("no go", required));
    assertEquals(message, e.getMessage());
  }
}
