package dev.metricsadapter.demo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The subcommands that read the adapter for the standalone demo (../demo.sh): {@code await-values}
 * waits until it serves every pod, {@code watch} prints the table. Both only parse flags and hand
 * validated options to their action ({@link LaunchedCommand}); a bad flag exits 2.
 */
final class AdapterCommands {

  private AdapterCommands() {}

  /** The flags saying what to read, shared by both subcommands. */
  static final class AdapterFlags {

    @Option(
        names = "--adapter-url",
        required = true,
        paramLabel = "URL",
        description =
            "The adapter, https on loopback, e.g. https://127.0.0.1:6443. Its certificate is not"
                + " checked: this is for the local demo only.")
    URI adapterUrl;

    @Option(
        names = "--path",
        required = true,
        description =
            "The custom metrics API path of a Pods metric, e.g."
                + " /apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second")
    String path;

    @Option(
        names = "--pods",
        required = true,
        split = ",",
        paramLabel = "POD",
        description = "The pods to show, comma-separated, in column order.")
    List<String> pods;

    @Option(
        names = "--timeout",
        defaultValue = "5s",
        description = "Deadline of every request. Default: ${DEFAULT-VALUE}")
    Duration timeout;

    AdapterSource source() {
      return new AdapterSource(adapterUrl, path, pods, timeout);
    }
  }

  @Command(
      name = "await-values",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Reads the adapter every second until it serves a value for every pod, then prints one"
            + " line and exits 0; exits 1 with the last answer when --within has passed first.",
        "Example: demo-app await-values --adapter-url=https://127.0.0.1:6443 --path=/apis/..."
            + " --pods=demo-app-1,demo-app-2 --within=2m"
      })
  static final class AwaitValuesCommand extends LaunchedCommand<AwaitOptions> {
    @Mixin AdapterFlags adapter;

    @Option(
        names = "--within",
        defaultValue = "2m",
        description = "How long to wait at most. Default: ${DEFAULT-VALUE}")
    Duration within;

    AwaitValuesCommand(DemoApp.Action<AwaitOptions> awaitValues) {
      super(awaitValues);
    }

    @Override
    AwaitOptions options() {
      return new AwaitOptions(adapter.source(), within);
    }
  }

  @Command(
      name = "watch",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Prints a line now and every --tick: the seconds since the start, the load generator's"
            + " target rate (from its output file), each pod's value as the adapter serves it, their"
            + " average and the replicas an HPA with a Pods metric and this AverageValue target"
            + " would want (its calculation without stabilization or rate limits). An error of the"
            + " adapter shows instead of the values.",
        "Example: demo-app watch --adapter-url=https://127.0.0.1:6443 --path=/apis/..."
            + " --pods=demo-app-1,demo-app-2 --target=10 --replicas=2 --max-replicas=10"
            + " --load-log=load.log --until-pid=4242"
      })
  static final class WatchCommand extends LaunchedCommand<WatchOptions> {
    @Mixin AdapterFlags adapter;

    @Option(
        names = "--target",
        required = true,
        paramLabel = "QUANTITY",
        description = "The HPA's target average value per pod, e.g. 10 or 500m.")
    Quantity target;

    @Option(
        names = "--replicas",
        required = true,
        description = "The replicas the HPA's target has now.")
    int replicas;

    @Option(
        names = "--min-replicas",
        defaultValue = "1",
        description = "The HPA's minReplicas. Default: ${DEFAULT-VALUE}")
    int minReplicas;

    @Option(names = "--max-replicas", required = true, description = "The HPA's maxReplicas.")
    int maxReplicas;

    @Option(
        names = "--tolerance",
        defaultValue = "0.1",
        description =
            "How far from the target the average may be, as a fraction, without a change (the"
                + " controller's --horizontal-pod-autoscaler-tolerance). Default: ${DEFAULT-VALUE}")
    double tolerance;

    @Option(
        names = "--tick",
        defaultValue = "5s",
        description = "Time between lines. Default: ${DEFAULT-VALUE}")
    Duration tick;

    @Option(
        names = "--load-log",
        required = true,
        paramLabel = "FILE",
        description = "The output of demo-app load, read for its current target rate.")
    Path loadLog;

    @Option(
        names = "--until-pid",
        paramLabel = "PID",
        description =
            "End after the line that follows the exit of this process (the load generator)."
                + " Without it, the table runs until stopped or its output is closed.")
    Long untilPid;

    WatchCommand(DemoApp.Action<WatchOptions> watch) {
      super(watch);
    }

    @Override
    WatchOptions options() {
      AdapterSource source = adapter.source();
      HpaRule rule = new HpaRule(target, tolerance, minReplicas, maxReplicas);
      return new WatchOptions(
          source,
          new TableFormat(source.pods(), rule, replicas),
          tick,
          loadLog,
          untilPid == null ? OptionalLong.empty() : OptionalLong.of(untilPid));
    }
  }
}
