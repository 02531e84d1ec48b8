package dev.metricsadapter.e2e;

import java.util.Objects;

/**
 * Whether {@link LocalControlPlane} can run on this machine, and why not.
 *
 * @param available whether it can
 * @param needsBuild whether starting it builds the binaries first (minutes, not seconds)
 * @param reason what was found or is missing, for a skip message or a failure
 */
public record Availability(boolean available, boolean needsBuild, String reason) {
  public Availability {
    Objects.requireNonNull(reason, "reason");
  }

  static Availability no(String reason) {
    return new Availability(false, false, reason);
  }
}
