package dev.metricsadapter.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contents of {@code DIR/env} written by {@code control-plane.sh up DIR}: where the running
 * control plane is and how to reach it. Immutable.
 *
 * @param kubeconfig the admin (system:masters) kubeconfig, certificates embedded
 * @param apiserverUrl {@code https://127.0.0.1:PORT}
 * @param clusterCa the cluster CA certificate (it signs the apiserver's serving certificate)
 * @param frontProxyCa the front-proxy CA certificate (the aggregation layer's client CA)
 * @param kubectl the kubectl binary matching the apiserver's version
 * @param binDir the directory of the Kubernetes and etcd binaries
 * @param logDir the directory of the components' logs
 * @param all every {@code KEY=value} line of the file, in order
 */
public record ControlPlaneEnv(
    Path kubeconfig,
    URI apiserverUrl,
    Path clusterCa,
    Path frontProxyCa,
    Path kubectl,
    Path binDir,
    Path logDir,
    Map<String, String> all) {

  public ControlPlaneEnv {
    Require.nonNull(
        "kubeconfig",
        kubeconfig,
        "apiserverUrl",
        apiserverUrl,
        "clusterCa",
        clusterCa,
        "frontProxyCa",
        frontProxyCa,
        "kubectl",
        kubectl,
        "binDir",
        binDir,
        "logDir",
        logDir);
    all = Map.copyOf(all);
  }

  /**
   * Parses the lines of an env file: {@code KEY=value}, split at the first {@code =}; blank lines
   * and lines starting with {@code #} are ignored.
   *
   * @throws IllegalArgumentException on a line without {@code =} or a missing key
   */
  public static ControlPlaneEnv parse(List<String> lines) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not a KEY=value line: '" + line + "'");
      }
      values.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return new ControlPlaneEnv(
        Path.of(required(values, "KUBECONFIG")),
        URI.create(required(values, "APISERVER_URL")),
        Path.of(required(values, "CLUSTER_CA")),
        Path.of(required(values, "FRONT_PROXY_CA")),
        Path.of(required(values, "KUBECTL")),
        Path.of(required(values, "BIN_DIR")),
        Path.of(required(values, "LOG_DIR")),
        values);
  }

  private static String required(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("the env file has no " + key);
    }
    return value;
  }
}
