package dev.metricsadapter.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --kubeconfig}: the Kubernetes connection, or none. A picocli mixin. */
public final class KubernetesFlags {

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH|none",
      description =
          "Kubernetes connection for API discovery and object listing: a kubeconfig file, or none"
              + " (standalone). Default: in-cluster, else $KUBECONFIG, else ~/.kube/config, else"
              + " none.")
  private String kubeconfig;

  /**
   * {@code none}, a readable kubeconfig file, or empty for the default lookup.
   *
   * @throws FlagException if the file is not readable
   */
  Optional<String> kubeconfig() {
    if (kubeconfig != null && !kubeconfig.equals("none")) {
      FlagFiles.readable("--kubeconfig", Path.of(kubeconfig));
    }
    return Optional.ofNullable(kubeconfig);
  }
}
