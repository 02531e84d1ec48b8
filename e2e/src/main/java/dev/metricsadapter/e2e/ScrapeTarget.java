package dev.metricsadapter.e2e;

import java.util.Optional;

/**
 * One pod as Prometheus should scrape it: its loopback port and the labels Kubernetes service
 * discovery would attach. Immutable.
 *
 * @param namespace the pod's namespace
 * @param pod the pod's name
 * @param uid the pod's UID (tells a re-created pod of the same name apart)
 * @param port the port on 127.0.0.1 its process listens on
 * @param service the Service whose selector matches the pod, if any
 * @param app the pod's {@code app.kubernetes.io/name} label, if any
 */
public record ScrapeTarget(
    String namespace,
    String pod,
    String uid,
    int port,
    Optional<String> service,
    Optional<String> app) {

  public ScrapeTarget {
    Require.nonNull("namespace", namespace, "pod", pod, "uid", uid, "service", service, "app", app);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range");
    }
  }

  /** {@code 127.0.0.1:PORT}, as in a file_sd {@code targets} list. */
  public String address() {
    return "127.0.0.1:" + port;
  }
}
