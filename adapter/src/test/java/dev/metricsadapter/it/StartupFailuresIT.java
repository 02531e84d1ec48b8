package dev.metricsadapter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.testing.AdapterUnderTest;
import dev.metricsadapter.testing.JarRun;
import dev.metricsadapter.testing.MockKubeconfig;
import dev.metricsadapter.testing.RealPrometheus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that cannot succeed ends within seconds with one line that says why: unusable TLS files
 * and an unreachable Kubernetes API, not an adapter that never becomes ready or a page of stack
 * trace.
 */
class StartupFailuresIT {

  @TempDir Path dir;

  private JarRun start(String... flags) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--config=" + AdapterUnderTest.RULES.resolve("demo.yaml"),
                "--prometheus-url=http://127.0.0.1:" + RealPrometheus.freePort(),
                "--secure-port=" + RealPrometheus.freePort(),
                "--bind-address=127.0.0.1",
                "--cert-dir=" + dir.resolve("certs")));
    args.addAll(List.of(flags));
    return JarRun.run(dir, Duration.ofSeconds(30), args);
  }

  @Test
  void aCaFileThatIsNotPemIsOneLineNamingTheFlag() throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.crt"), "not a certificate\n");
    JarRun run = start("--kubeconfig=none", "--prometheus-ca-file=" + notPem);
    assertEquals(2, run.exitCode(), run.stderr());
    assertEquals(
        List.of(
            "metrics-adapter: --prometheus-ca-file: "
                + notPem
                + " is not a PEM certificate bundle: No certificate data found"),
        run.stderr().lines().toList());
  }

  @Test
  void anUnreachableKubernetesApiIsOneLineNamingTheServerAndWhatWasRead() throws Exception {
    String server = "https://127.0.0.1:" + RealPrometheus.freePort() + "/";
    Path kubeconfig = MockKubeconfig.write(dir.resolve("kubeconfig"), server);
    JarRun run = start("--kubeconfig=" + kubeconfig);
    assertEquals(1, run.exitCode(), run.stderr());
    List<String> errors = run.stderr().lines().filter(line -> line.contains("ERROR")).toList();
    assertEquals(1, errors.size(), run.stderr());
    assertTrue(
        errors
            .get(0)
            .endsWith(
                "ERROR Main: cannot start: the Kubernetes API is unreachable: cannot read"
                    + " kube-system/extension-apiserver-authentication from "
                    + server
                    + ": Connection refused"),
        errors.get(0));
    assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
  }
}
