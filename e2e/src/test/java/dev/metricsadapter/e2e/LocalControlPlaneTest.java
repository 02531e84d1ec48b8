package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of {@link LocalControlPlane} that run no control plane. */
class LocalControlPlaneTest {
  @Test
  void aScriptPropertyNamingNoFileMakesItUnavailable(@TempDir Path tmp) {
    String missing = tmp.resolve("nope.sh").toString();
    String before = System.setProperty(LocalControlPlane.SCRIPT_PROPERTY, missing);
    try {
      assertEquals(Optional.empty(), LocalControlPlane.findScript());
      Availability availability = LocalControlPlane.availability();
      assertFalse(availability.available());
      assertTrue(availability.reason().contains(missing), availability.reason());
    } finally {
      restore(before);
    }
  }

  @Test
  void theScriptIsFoundFromTheModuleDirectory() {
    String before = System.clearProperty(LocalControlPlane.SCRIPT_PROPERTY);
    try {
      // surefire runs in e2e/, the script's own directory
      Path script = LocalControlPlane.findScript().orElseThrow();
      assertEquals("control-plane.sh", script.getFileName().toString());
      assertTrue(Files.isRegularFile(script.resolveSibling("build-k8s.sh")));
    } finally {
      restore(before);
    }
  }

  private static void restore(String before) {
    if (before == null) {
      System.clearProperty(LocalControlPlane.SCRIPT_PROPERTY);
    } else {
      System.setProperty(LocalControlPlane.SCRIPT_PROPERTY, before);
    }
  }
}
