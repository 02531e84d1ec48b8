package dev.metricsadapter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig for fabric8's mock server: token {@code adapter-token}, TLS not verified. */
public final class MockKubeconfig {

  private MockKubeconfig() {}

  /** Writes the kubeconfig for the API server at {@code serverUrl} to {@code file}. */
  public static Path write(Path file, String serverUrl) throws IOException {
    return Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
        - name: adapter
          user: {token: adapter-token}
        contexts:
        - name: mock
          context: {cluster: mock, user: adapter, namespace: default}
        current-context: mock
        """
            .formatted(serverUrl));
  }
}
