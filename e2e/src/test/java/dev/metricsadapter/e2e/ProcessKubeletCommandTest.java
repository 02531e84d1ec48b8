package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProcessKubeletCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void helpNamesEveryFlag() {
    assertEquals(0, run("--help"));
    for (String flag :
        List.of(
            "--kubeconfig",
            "--namespace",
            "--selector",
            "--file-sd-dir",
            "--command",
            "--configmap-volume")) {
      assertTrue(out.toString().contains(flag), flag + " in\n" + out);
    }
  }

  @Test
  void flagsBecomeOptions() {
    KubeletOptions options =
        parsed(
                "--command=java -jar app.jar",
                "--command=--port={port}",
                "--log-dir=/tmp/logs",
                "--ready-timeout=2m",
                "--stop-timeout=500ms")
            .options();

    assertEquals("demo", options.namespace());
    assertEquals("app=web", options.selector());
    assertEquals(List.of("java", "-jar", "app.jar", "--port={port}"), options.command().argv());
    assertEquals(Path.of("/tmp/sd"), options.fileSdDir());
    assertEquals(Optional.of(Path.of("/tmp/logs")), options.logDir());
    assertEquals(Duration.ofMinutes(2), options.readyTimeout());
    assertEquals(Duration.ofMillis(500), options.stopTimeout());
  }

  @Test
  void configMapVolumesAreRepeatable() {
    ProcessKubeletCommand command =
        parsed(
            "--command=java -jar app.jar --port={port}",
            "--configmap-volume=metrics-adapter/metrics-adapter-rules=/tmp/rules",
            "--configmap-volume=demo/settings=/tmp/settings");

    assertEquals(
        List.of(
            new ConfigMapVolume.Spec(
                "metrics-adapter", "metrics-adapter-rules", Path.of("/tmp/rules")),
            new ConfigMapVolume.Spec("demo", "settings", Path.of("/tmp/settings"))),
        command.volumes());
  }

  @Test
  void aMalformedConfigMapVolumeIsAUsageError() {
    int code =
        run(
            withPodFlags(
                "--command=java -jar app.jar --port={port}", "--configmap-volume=/tmp/rules"));
    assertEquals(2, code);
    assertTrue(err.toString().contains("--configmap-volume"), err.toString());
  }

  @Test
  void aCommandWithoutPortIsAUsageError() {
    int code = run(withPodFlags("--command=java -jar app.jar"));
    assertEquals(2, code);
    assertTrue(err.toString().contains("{port}"), err.toString());
  }

  @Test
  void durationsNeedAUnit() {
    assertEquals(Duration.ofSeconds(30), ProcessKubeletCommand.duration("--x", "30s"));
    assertThrows(IllegalArgumentException.class, () -> ProcessKubeletCommand.duration("--x", "30"));
  }

  /** {@code flags} after the flags choosing the pods and where their targets go. */
  private static String[] withPodFlags(String... flags) {
    List<String> args =
        new ArrayList<>(List.of("--namespace=demo", "--selector=app=web", "--file-sd-dir=/tmp/sd"));
    args.addAll(List.of(flags));
    return args.toArray(String[]::new);
  }

  /** A command with {@link #withPodFlags} and {@code flags} parsed, not run. */
  private static ProcessKubeletCommand parsed(String... flags) {
    ProcessKubeletCommand command = new ProcessKubeletCommand();
    new CommandLine(command).parseArgs(withPodFlags(flags));
    return command;
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new ProcessKubeletCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
