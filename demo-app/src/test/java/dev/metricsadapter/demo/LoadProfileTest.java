package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LoadProfileTest {

  private static final double EPS = 1e-9;

  /** Run of 90 s peaking at 60 rps; columns: profile, t (s), expected target rps. */
  @ParameterizedTest(name = "{0} at t={1}s -> {2} rps")
  @CsvSource({
    "steady, 0, 60",
    "steady, 45, 60",
    "steady, 90, 60",
    "ramp-up, 0, 0",
    "ramp-up, 30, 20",
    "ramp-up, 90, 60",
    "ramp-down, 0, 60",
    "ramp-down, 45, 30",
    "ramp-down, 90, 0",
    "ramp, 0, 0",
    "ramp, 15, 30",
    "ramp, 30, 60",
    "ramp, 45, 60",
    "ramp, 60, 60",
    "ramp, 75, 30",
    "ramp, 90, 0",
    "steady, -1, 0",
    "steady, 91, 0",
  })
  void targetRateAtTime(String profile, double t, double rps) {
    assertEquals(rps, LoadProfile.parse(profile).rpsAt(t, 90, 60), EPS);
  }

  /** Whole-run plans of 90 s at peak 60: the area under each curve. */
  @ParameterizedTest(name = "{0} plans {1}")
  @CsvSource({"steady, 5400", "ramp-up, 2700", "ramp-down, 2700", "ramp, 3600"})
  void plannedCountOfAWholeRun(String profile, double total) {
    LoadProfile p = LoadProfile.parse(profile);
    assertEquals(total, p.plannedCount(90, 90, 60), EPS);
    assertEquals(total, p.plannedCount(1000, 90, 60), EPS, "nothing planned after the end");
    assertEquals(0, p.plannedCount(0, 90, 60), EPS);
  }

  @Test
  void plannedCountPartWayThrough() {
    assertEquals(225, LoadProfile.RAMP.plannedCount(15, 90, 60), EPS); // triangle 15 s x 30 rps / 2
    assertEquals(900, LoadProfile.RAMP.plannedCount(30, 90, 60), EPS);
    assertEquals(2700, LoadProfile.RAMP.plannedCount(60, 90, 60), EPS);
    assertEquals(300, LoadProfile.RAMP_UP.plannedCount(30, 90, 60), EPS);
    assertEquals(600, LoadProfile.STEADY.plannedCount(10, 90, 60), EPS);
  }

  /** The plan is the integral of the rate: its slope matches rpsAt everywhere. */
  @ParameterizedTest
  @EnumSource(LoadProfile.class)
  void planIsTheIntegralOfTheRate(LoadProfile profile) {
    double step = 0.001;
    double previous = 0;
    for (double t = 0.5; t < 90; t += 0.5) {
      double slope =
          (profile.plannedCount(t + step, 90, 60) - profile.plannedCount(t - step, 90, 60))
              / (2 * step);
      assertEquals(profile.rpsAt(t, 90, 60), slope, 1e-3, "at t=" + t);
      double planned = profile.plannedCount(t, 90, 60);
      assertTrue(planned >= previous, "never decreases");
      previous = planned;
    }
  }

  @Test
  void parsesNames() {
    assertEquals(LoadProfile.RAMP, LoadProfile.parse("ramp"));
    assertEquals(LoadProfile.RAMP, LoadProfile.parse("up-down"));
    assertEquals(LoadProfile.RAMP_UP, LoadProfile.parse("RAMP_UP"));
    assertEquals(LoadProfile.STEADY, LoadProfile.parse(" Steady "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LoadProfile.parse("spike"));
    assertEquals(
        "unknown profile 'spike', expected one of steady, ramp-up, ramp-down, ramp",
        e.getMessage());
  }
}
