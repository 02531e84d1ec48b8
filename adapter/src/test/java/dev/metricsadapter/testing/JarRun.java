package dev.metricsadapter.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the adapter's jar ({@code target/metrics-adapter.jar}) that is expected to end by
 * itself: a subcommand, or a start that fails.
 *
 * @param exitCode the process' exit code
 * @param stdout what it printed on stdout
 * @param stderr what it printed on stderr
 */
public record JarRun(int exitCode, String stdout, String stderr) {

  private static final Path JAR = Path.of("target", "metrics-adapter.jar");

  /**
   * Runs the jar with {@code args} (output kept in files under {@code dir}) and waits for it to
   * end.
   *
   * @throws AssertionError if it has not ended within {@code deadline} (it is killed then)
   */
  public static JarRun run(Path dir, Duration deadline, List<String> args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("java", "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(args);
    Path stdout = Files.createTempFile(dir, "jar", ".out");
    Path stderr = Files.createTempFile(dir, "jar", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          String.join(" ", args)
              + " did not end within "
              + deadline
              + ": "
              + Files.readString(stderr));
    }
    return new JarRun(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }
}
