package dev.metricsadapter.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line of {@code java -jar process-kubelet.jar}: parses the flags, starts a {@link
 * ProcessKubelet} and keeps it running until the JVM is asked to exit (SIGTERM, Ctrl-C), when a
 * shutdown hook closes it. Not thread-safe; one instance per run.
 */
@Command(
    name = "process-kubelet",
    mixinStandardHelpOptions = true,
    version = "process-kubelet 0.1.0",
    sortOptions = false,
    description = {
      "A stand-in kubelet for a control plane without nodes: runs one local process per pod of a"
          + " namespace that matches a selector, on a free 127.0.0.1 port; reports the pod Running"
          + " and Ready once http://127.0.0.1:PORT/healthz answers 200; writes one Prometheus"
          + " file_sd file per pod (labels namespace, pod, service, app); stops the process"
          + " (SIGTERM, then SIGKILL) and removes the file when the pod is deleted.",
      "With --configmap-volume it also projects ConfigMaps into local directories as the kubelet"
          + " projects a configMap volume (..data symlink swapped atomically), for a process that"
          + " runs outside the cluster but reads its configuration as if mounted, e.g. the adapter.",
      "Runs until SIGTERM or Ctrl-C, which stop every process it started."
    },
    footer = {
      "",
      "Example (from the repository root):",
      "  java -jar e2e/target/process-kubelet.jar --kubeconfig=$KUBECONFIG \\",
      "    --namespace=demo --selector=app.kubernetes.io/name=demo-app \\",
      "    --file-sd-dir=/tmp/file-sd \\",
      "    --command='java -XX:TieredStopAtLevel=1 -Xmx64m' \\",
      "    --command='-jar demo-app/target/demo-app.jar' \\",
      "    --command='--port={port} --bind-address=127.0.0.1' \\",
      "    --configmap-volume=metrics-adapter/metrics-adapter-rules=/tmp/rules"
    })
final class ProcessKubeletCommand implements Callable<Integer> {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  @Spec CommandSpec spec;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "kubeconfig to use (its current context). Default: $KUBECONFIG, then ~/.kube/config.")
  Path kubeconfig;

  @Option(
      names = "--namespace",
      required = true,
      paramLabel = "NAMESPACE",
      description = "Namespace of the pods.")
  String namespace;

  @Option(
      names = "--selector",
      required = true,
      paramLabel = "SELECTOR",
      description = "Label selector of the pods, as for kubectl -l (empty: every pod).")
  String selector;

  @Option(
      names = "--file-sd-dir",
      required = true,
      paramLabel = "DIR",
      description = "Directory for the Prometheus file_sd files (<namespace>_<pod>_<uid>.json).")
  Path fileSdDir;

  @Option(
      names = "--command",
      required = true,
      paramLabel = "WORDS",
      description = {
        "The command per pod. Repeatable; every value is split on whitespace and the words of all"
            + " values are joined in order, so one quoted string and one flag per word both work"
            + " (an argument cannot contain whitespace). Use --command=VALUE for values that start"
            + " with '-'.",
        "{port} (required), {pod} and {namespace} are replaced in every word."
      })
  List<String> command;

  @Option(
      names = "--log-dir",
      paramLabel = "DIR",
      description =
          "Write each process's output to DIR/<namespace>_<pod>.log. Default: this process's"
              + " stdout and stderr.")
  Path logDir;

  @Option(
      names = "--configmap-volume",
      paramLabel = "NAMESPACE/NAME=DIR",
      description = {
        "Project the ConfigMap NAMESPACE/NAME into DIR as a kubelet does for a configMap volume:"
            + " DIR/..<timestamp>/KEY files, DIR/..data pointing at the current one (swapped"
            + " atomically on every change), DIR/KEY -> ..data/KEY. DIR stays empty until the"
            + " ConfigMap exists and keeps its files on exit. Repeatable."
      })
  List<String> configMapVolumes = new ArrayList<>();

  @Option(
      names = "--ready-timeout",
      defaultValue = "60s",
      paramLabel = "DURATION",
      description = "How long a process may take to answer /healthz (e.g. 500ms, 60s, 2m).")
  String readyTimeout;

  @Option(
      names = "--stop-timeout",
      defaultValue = "10s",
      paramLabel = "DURATION",
      description = "How long a process may take to exit after SIGTERM before SIGKILL.")
  String stopTimeout;

  /** Parses {@code args} and runs; returns the exit code (it blocks while the kubelet runs). */
  static int execute(String[] args) {
    CommandLine cli = new CommandLine(new ProcessKubeletCommand());
    cli.setOut(new PrintWriter(System.out, true));
    cli.setErr(new PrintWriter(System.err, true));
    return cli.execute(args);
  }

  KubeletOptions options() {
    try {
      KubeletOptions options =
          KubeletOptions.of(namespace, selector, CommandTemplate.fromWords(command), fileSdDir)
              .withTimeouts(
                  duration("--ready-timeout", readyTimeout),
                  duration("--stop-timeout", stopTimeout));
      return logDir == null ? options : options.withLogDir(logDir);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** The parsed {@code --configmap-volume} values, in order. */
  List<ConfigMapVolume.Spec> volumes() {
    List<ConfigMapVolume.Spec> volumes = new ArrayList<>();
    for (String value : configMapVolumes) {
      try {
        volumes.add(ConfigMapVolume.Spec.parse(value));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(), "--configmap-volume: " + e.getMessage(), e);
      }
    }
    return volumes;
  }

  @Override
  public Integer call() throws InterruptedException {
    KubeletOptions options = options();
    List<ConfigMapVolume.Spec> volumeSpecs = volumes();
    KubernetesClient client =
        kubeconfig == null ? KubeClients.autoConfigured() : KubeClients.fromKubeconfig(kubeconfig);
    List<ConfigMapVolume> volumes = new ArrayList<>();
    ProcessKubelet kubelet;
    try {
      for (ConfigMapVolume.Spec volume : volumeSpecs) {
        volumes.add(ConfigMapVolume.start(client, volume));
      }
      kubelet = ProcessKubelet.start(client, options);
    } catch (RuntimeException e) {
      volumes.forEach(ConfigMapVolume::close);
      client.close();
      spec.commandLine().getErr().println("process-kubelet: " + e.getMessage());
      return 1;
    }
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kubelet.close();
                  volumes.forEach(ConfigMapVolume::close);
                  client.close();
                  closed.countDown();
                },
                "process-kubelet-shutdown"));
    closed.await();
    return 0;
  }

  static Duration duration(String flag, String value) {
    Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          flag + ": '" + value + "' is not a duration such as 500ms, 30s or 2m");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }
}
