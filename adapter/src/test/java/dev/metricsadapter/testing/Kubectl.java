package dev.metricsadapter.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl ({@code /usr/bin/kubectl}) as a client of the adapter: {@code kubectl
 * --server=... --insecure-skip-tls-verify ARGS}, stdout and stderr together.
 */
public final class Kubectl {

  private static final Path BINARY = Path.of("/usr/bin/kubectl");

  private Kubectl() {}

  /**
   * One finished run.
   *
   * @param args the arguments after the server flags
   * @param exitCode kubectl's exit code
   * @param output what it printed on stdout and stderr
   */
  public record Run(List<String> args, int exitCode, String output) {

    /** The output; fails unless kubectl exited 0. */
    public String succeeded() {
      if (exitCode != 0) {
        throw new AssertionError(this + " should have succeeded");
      }
      return output;
    }

    /** The output; fails if kubectl exited 0. */
    public String failed() {
      if (exitCode == 0) {
        throw new AssertionError(this + " should have failed");
      }
      return output;
    }

    @Override
    public String toString() {
      return "kubectl " + String.join(" ", args) + " exited " + exitCode + ": " + output;
    }
  }

  /** Whether kubectl is installed. */
  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /**
   * Runs kubectl against the API server at {@code server} and waits for it to end.
   *
   * @throws AssertionError if it has not ended within 30 s (it is killed then)
   */
  public static Run run(URI server, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(BINARY.toString(), "--server=" + server, "--insecure-skip-tls-verify"));
    command.addAll(List.of(args));
    Path output = Files.createTempFile("kubectl", ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "kubectl "
                + String.join(" ", args)
                + " did not end within 30 s: "
                + Files.readString(output));
      }
      return new Run(
          List.of(args), process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.delete(output);
    }
  }
}
