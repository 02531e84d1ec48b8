package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The repository's {@code demo-app/target/demo-app.jar}, built once if it is missing. */
final class DemoAppJar {
  private static final long BUILD_TIMEOUT_MINUTES = 10;

  private DemoAppJar() {}

  /** The repository root: system property {@code e2e.repo-root}, else the script's grandparent. */
  static Path repoRoot() {
    String property = System.getProperty("e2e.repo-root");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    return LocalControlPlane.findScript().orElseThrow().getParent().getParent();
  }

  /** The jar, after building it with the Maven wrapper (offline) if it does not exist. */
  static synchronized Path ensureBuilt() throws IOException, InterruptedException {
    Path root = repoRoot();
    Path jar = root.resolve("demo-app/target/demo-app.jar");
    if (!Files.isRegularFile(jar)) {
      Process build =
          new ProcessBuilder(
                  List.of(
                      root.resolve("mvnw").toString(),
                      "-B",
                      "-o",
                      "-q",
                      "-pl",
                      "demo-app",
                      "package",
                      "-DskipTests"))
              .directory(root.toFile())
              .inheritIO()
              .start();
      if (!build.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        build.destroyForcibly();
      }
    }
    assertTrue(Files.isRegularFile(jar), jar + " is missing and could not be built");
    return jar;
  }
}
