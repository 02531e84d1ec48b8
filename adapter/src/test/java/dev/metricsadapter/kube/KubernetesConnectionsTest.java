package dev.metricsadapter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesConnectionsTest {

  @TempDir Path dir;

  private static String kubeconfig(String server, String token, String namespace) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster:
            server: %s
            insecure-skip-tls-verify: true
        users:
        - name: me
          user:
            token: %s
        contexts:
        - name: ctx
          context:
            cluster: test
            user: me
            namespace: %s
        current-context: ctx
        """
        .formatted(server, token, namespace);
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private KubernetesConnections connections(Map<String, String> env) {
    return new KubernetesConnections(env, dir.resolve("home"), dir.resolve("serviceaccount"));
  }

  private Path serviceAccount(String token) throws IOException {
    write("serviceaccount/token", token + "\n");
    write("serviceaccount/namespace", "monitoring");
    return dir.resolve("serviceaccount");
  }

  private static void assertTimeouts(Config config) {
    assertEquals(5_000, config.getConnectionTimeout());
    assertEquals(10_000, config.getRequestTimeout());
  }

  @Test
  void noneMeansStandalone() throws IOException {
    serviceAccount("t");
    write("home/.kube/config", kubeconfig("https://127.0.0.1:6443", "t", "demo"));
    KubernetesConnections connections =
        connections(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBECONFIG", "/x"));

    assertEquals(Optional.empty(), connections.resolve(Optional.of("none")));
    assertEquals(Optional.empty(), connections.connect(Optional.of("none")));
  }

  @Test
  void aKubeconfigPathIsUsedWithItsCurrentContext() throws IOException {
    Path file = write("cfg.yaml", kubeconfig("https://127.0.0.1:6443", "secret-token", "demo"));
    serviceAccount("ignored");

    KubernetesConnections.Target target =
        connections(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"))
            .resolve(Optional.of(file.toString()))
            .orElseThrow();

    assertEquals("https://127.0.0.1:6443/", target.config().getMasterUrl());
    assertEquals("secret-token", target.config().getAutoOAuthToken());
    assertEquals("demo", target.config().getNamespace());
    assertTimeouts(target.config());
    assertEquals("kubeconfig " + file, target.source());
  }

  @Test
  void connectBuildsAClientWithoutContactingTheServer() throws IOException {
    Path file = write("cfg.yaml", kubeconfig("https://127.0.0.1:1", "secret-token", "demo"));
    try (KubernetesClient client =
        connections(Map.of()).connect(Optional.of(file.toString())).orElseThrow()) {
      assertEquals("https://127.0.0.1:1/", client.getConfiguration().getMasterUrl());
    }
  }

  /** The message with which resolving the kubeconfig {@code file} is refused. */
  private String kubeconfigError(Path file) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> connections(Map.of()).resolve(Optional.of(file.toString())))
        .getMessage();
  }

  @Test
  void aMissingKubeconfigIsAnError() {
    Path missing = dir.resolve("missing.yaml");
    String error = kubeconfigError(missing);
    assertEquals(
        "--kubeconfig: kubeconfig file " + missing + " does not exist or is not readable", error);
  }

  @Test
  void anUnparsableKubeconfigIsAnError() throws IOException {
    Path file = write("bad.yaml", "clusters: [this is: not: yaml");
    String error = kubeconfigError(file);
    assertTrue(error.startsWith("--kubeconfig: cannot read kubeconfig file " + file));
  }

  @Test
  void aKubeconfigWithoutAServerIsAnError() throws IOException {
    Path file = write("empty.yaml", "apiVersion: v1\nkind: Config\n");
    String error = kubeconfigError(file);
    assertEquals("--kubeconfig: kubeconfig file " + file + " has no current context", error);
  }

  @Test
  void inClusterWinsWhenTheFlagIsAbsent() throws IOException {
    Path serviceAccount = serviceAccount("sa-token");
    write("home/.kube/config", kubeconfig("https://127.0.0.1:6443", "t", "demo"));
    Path env = write("env.yaml", kubeconfig("https://127.0.0.2:6443", "t", "demo"));

    KubernetesConnections.Target target =
        connections(
                Map.of(
                    "KUBERNETES_SERVICE_HOST", "10.96.0.1",
                    "KUBERNETES_SERVICE_PORT", "6443",
                    "KUBECONFIG", env.toString()))
            .resolve(Optional.empty())
            .orElseThrow();

    assertEquals("https://10.96.0.1:6443/", target.config().getMasterUrl());
    assertEquals("sa-token", target.config().getOauthTokenProvider().getToken());
    assertEquals("monitoring", target.config().getNamespace());
    assertTimeouts(target.config());
    assertTrue(target.source().contains(serviceAccount.resolve("token").toString()));
  }

  @Test
  void inClusterBracketsAnIpv6HostAndDefaultsThePort() throws IOException {
    serviceAccount("sa-token");
    Config config =
        connections(Map.of("KUBERNETES_SERVICE_HOST", "fd00::1"))
            .resolve(Optional.empty())
            .orElseThrow()
            .config();
    assertEquals("https://[fd00::1]:443/", config.getMasterUrl());
  }

  @Test
  void withoutATokenFileTheServiceHostAloneIsNotInCluster() throws IOException {
    write("home/.kube/config", kubeconfig("https://127.0.0.1:6443", "t", "demo"));
    KubernetesConnections.Target target =
        connections(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"))
            .resolve(Optional.empty())
            .orElseThrow();
    assertEquals("https://127.0.0.1:6443/", target.config().getMasterUrl());
    assertEquals("kubeconfig " + dir.resolve("home/.kube/config"), target.source());
  }

  @Test
  void theKubeconfigVariableComesBeforeTheHomeFile() throws IOException {
    write("home/.kube/config", kubeconfig("https://127.0.0.1:6443", "t", "demo"));
    Path env = write("env.yaml", kubeconfig("https://127.0.0.2:6443", "t", "demo"));
    String list = dir.resolve("missing.yaml") + File.pathSeparator + env;

    Config config =
        connections(Map.of("KUBECONFIG", list)).resolve(Optional.empty()).orElseThrow().config();

    assertEquals("https://127.0.0.2:6443/", config.getMasterUrl());
  }

  @Test
  void aKubeconfigVariableNamingNoExistingFileFallsBackToTheHomeFile() throws IOException {
    write("home/.kube/config", kubeconfig("https://127.0.0.1:6443", "t", "demo"));
    Config config =
        connections(Map.of("KUBECONFIG", dir.resolve("missing.yaml").toString()))
            .resolve(Optional.empty())
            .orElseThrow()
            .config();
    assertEquals("https://127.0.0.1:6443/", config.getMasterUrl());
  }

  @Test
  void nothingFoundMeansStandalone() {
    assertEquals(Optional.empty(), connections(Map.of()).resolve(Optional.empty()));
    assertEquals(
        Optional.empty(),
        new KubernetesConnections(Map.of(), null, dir.resolve("serviceaccount"))
            .resolve(Optional.empty()));
  }
}
