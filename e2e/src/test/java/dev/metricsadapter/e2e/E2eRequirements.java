package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one decision every {@code *IT} makes before it uses a control plane: run, skip, or fail.
 * Where {@link LocalControlPlane#availability()} says the control plane cannot run here, the test
 * is skipped with the reason (a JUnit assumption), unless the environment variable {@value
 * #REQUIRED_ENV} is {@code true} (CI sets it), when it fails with the reason instead.
 *
 * <p>Call {@link #requireControlPlane} from {@code @BeforeEach}, not {@code @BeforeAll}: an aborted
 * {@code @BeforeAll} makes surefire report no tests at all rather than skipped ones. Availability
 * is checked once per JVM (it runs two short commands). Thread-safe.
 */
final class E2eRequirements {
  static final String REQUIRED_ENV = "E2E_REQUIRED";
  private static final Logger LOG = LoggerFactory.getLogger(E2eRequirements.class);

  private E2eRequirements() {}

  /** Returns if a control plane can run here; otherwise skips or fails the calling test. */
  static void requireControlPlane() {
    Availability availability = Checked.AVAILABILITY;
    if (!availability.available()) {
      unavailable(availability.reason(), "true".equalsIgnoreCase(System.getenv(REQUIRED_ENV)));
    }
  }

  /** Skips (aborts) the test, or fails it if {@code required}; always throws. */
  static void unavailable(String reason, boolean required) {
    String message = "a local Kubernetes control plane cannot run here: " + reason;
    if (required) {
      fail(REQUIRED_ENV + "=true, but " + message);
    }
    Assumptions.abort(message + " (set " + REQUIRED_ENV + "=true to fail instead of skipping)");
  }

  /** Availability, computed on first use and logged once. */
  private static final class Checked {
    static final Availability AVAILABILITY = LocalControlPlane.availability();

    static {
      if (AVAILABILITY.available()) {
        LOG.info("local control plane available: {}", AVAILABILITY.reason());
      } else {
        LOG.warn("local control plane unavailable: {}", AVAILABILITY.reason());
      }
    }

    private Checked() {}
  }
}
