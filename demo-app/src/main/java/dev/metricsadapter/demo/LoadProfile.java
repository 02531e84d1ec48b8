package dev.metricsadapter.demo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Shapes of load over a run, as pure functions of time: each is a piecewise-linear curve through
 * points {@code (fraction of the duration, fraction of the peak rate)}. Immutable and thread-safe.
 */
public enum LoadProfile {
  /** The peak rate all along. */
  STEADY("steady", new double[][] {{0, 1}, {1, 1}}),
  /** From 0 up to the peak rate. */
  RAMP_UP("ramp-up", new double[][] {{0, 0}, {1, 1}}),
  /** From the peak rate down to 0. */
  RAMP_DOWN("ramp-down", new double[][] {{0, 1}, {1, 0}}),
  /** Up to the peak in the first third, held for the second, down to 0 in the last: the demo. */
  RAMP("ramp", new double[][] {{0, 0}, {1.0 / 3, 1}, {2.0 / 3, 1}, {1, 0}});

  private final String flagName;
  private final double[][] points;

  LoadProfile(String flagName, double[][] points) {
    this.flagName = flagName;
    this.points = points;
  }

  /** The name used on the command line. */
  public String flagName() {
    return flagName;
  }

  /**
   * Parses a command-line name ({@code steady}, {@code ramp-up}, {@code ramp-down}, {@code ramp};
   * case-insensitive, {@code up-down} is an alias of {@code ramp}).
   *
   * @throws IllegalArgumentException listing the valid names
   */
  public static LoadProfile parse(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    if (wanted.equals("up-down")) {
      return RAMP;
    }
    for (LoadProfile profile : values()) {
      if (profile.flagName.equals(wanted) || profile.name().equalsIgnoreCase(wanted)) {
        return profile;
      }
    }
    throw new IllegalArgumentException(
        "unknown profile '"
            + name
            + "', expected one of "
            + Arrays.stream(values()).map(LoadProfile::flagName).collect(Collectors.joining(", ")));
  }

  /**
   * The target rate (requests per second) at {@code t} seconds into a run of {@code duration}
   * seconds peaking at {@code peakRps}; 0 outside {@code [0, duration]}.
   */
  public double rpsAt(double t, double duration, double peakRps) {
    if (!(t >= 0 && t <= duration) || duration <= 0) {
      return 0;
    }
    double x = t / duration;
    for (int i = 1; i < points.length; i++) {
      double[] a = points[i - 1];
      double[] b = points[i];
      if (x <= b[0]) {
        double share = b[0] == a[0] ? 1 : (x - a[0]) / (b[0] - a[0]);
        return peakRps * (a[1] + share * (b[1] - a[1]));
      }
    }
    return peakRps * points[points.length - 1][1];
  }

  /**
   * How many requests are planned during the first {@code t} seconds: the exact integral of {@link
   * #rpsAt} from 0 to {@code min(t, duration)}.
   */
  public double plannedCount(double t, double duration, double peakRps) {
    if (duration <= 0 || t <= 0) {
      return 0;
    }
    double end = Math.min(t, duration);
    double total = 0;
    for (int i = 1; i < points.length; i++) {
      double from = points[i - 1][0] * duration;
      double to = Math.min(points[i][0] * duration, end);
      if (to > from) {
        // Trapezoid of a linear segment: exact.
        total += (to - from) * (rpsAt(from, duration, peakRps) + rpsAt(to, duration, peakRps)) / 2;
      }
    }
    return total;
  }
}
