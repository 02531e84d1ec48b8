package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlPlaneEnvTest {
  private static final List<String> LINES =
      List.of(
          "KUBECONFIG=/cp/admin.kubeconfig",
          "APISERVER_URL=https://127.0.0.1:6443",
          "APISERVER_PORT=6443",
          "CLUSTER_CA=/cp/pki/ca.crt",
          "FRONT_PROXY_CA=/cp/pki/front-proxy-ca.crt",
          "LOG_DIR=/cp/logs",
          "BIN_DIR=/cache/bin",
          "KUBECTL=/cache/bin/kubectl",
          "",
          "EXTRA=a=b");

  @Test
  void parsesTheKeysTheScriptWrites() {
    ControlPlaneEnv env = ControlPlaneEnv.parse(LINES);
    assertEquals(Path.of("/cp/admin.kubeconfig"), env.kubeconfig());
    assertEquals(URI.create("https://127.0.0.1:6443"), env.apiserverUrl());
    assertEquals(Path.of("/cp/pki/ca.crt"), env.clusterCa());
    assertEquals(Path.of("/cp/pki/front-proxy-ca.crt"), env.frontProxyCa());
    assertEquals(Path.of("/cache/bin/kubectl"), env.kubectl());
    assertEquals(Path.of("/cache/bin"), env.binDir());
    assertEquals(Path.of("/cp/logs"), env.logDir());
    assertEquals("6443", env.all().get("APISERVER_PORT"));
    assertEquals("a=b", env.all().get("EXTRA"), "split at the first '='");
  }

  @Test
  void aMissingKeyIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ControlPlaneEnv.parse(LINES.subList(1, 8)));
    assertTrue(e.getMessage().contains("KUBECONFIG"), e.getMessage());
  }

  @Test
  void aNullFieldIsNamed() {
    ControlPlaneEnv env = ControlPlaneEnv.parse(LINES);
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () ->
                new ControlPlaneEnv(
                    env.kubeconfig(),
                    env.apiserverUrl(),
                    env.clusterCa(),
                    env.frontProxyCa(),
                    null,
                    env.binDir(),
                    env.logDir(),
                    env.all()));
    assertEquals("kubectl", e.getMessage());
  }

  @Test
  void aLineWithoutEqualsIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> ControlPlaneEnv.parse(List.of("oops")));
  }
}
