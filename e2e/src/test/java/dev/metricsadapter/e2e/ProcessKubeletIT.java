package dev.metricsadapter.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ProcessKubelet} against a real control plane: the ReplicaSet controller creates the pods,
 * the kubelet runs {@code demo-app.jar} for each, and the API server sees them Running.
 */
class ProcessKubeletIT {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessKubeletIT.class);
  private static final String APP_LABEL = "app.kubernetes.io/name";
  private static final String APP = "demo-app";
  private static final Duration API_DEADLINE = Duration.ofSeconds(60);
  private static final Duration RUNNING_DEADLINE = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  // Kept after a failure: the control plane's and the pods' logs are in it.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  private static LocalControlPlane plane;
  private static Path demoJar;

  /** Skips or fails when no control plane can run here; starts one for the class on first use. */
  @BeforeEach
  void controlPlane() throws Exception {
    E2eRequirements.requireControlPlane();
    if (plane == null) {
      demoJar = DemoAppJar.ensureBuilt();
      plane = LocalControlPlane.start(tmp.resolve("control-plane"));
    }
  }

  @AfterAll
  static void stopControlPlane() throws IOException {
    if (plane != null) {
      plane.close();
      return;
    }
    try {
      // skipped: JUnit keeps the (empty) temp dir of a run that did not succeed
      Files.deleteIfExists(tmp);
    } catch (DirectoryNotEmptyException e) {
      // a failed start: keep its logs
    }
  }

  @Test
  void runsOneProcessPerPodAndStopsItWhenThePodGoes() throws Exception {
    KubernetesClient client = plane.client();
    String ns = "demo";
    createNamespaceWithService(client, ns);
    Path fileSd = tmp.resolve("file-sd");
    List<Long> pids = new ArrayList<>();

    try (ProcessKubelet kubelet =
        ProcessKubelet.start(
            client,
            KubeletOptions.of(ns, APP_LABEL + "=" + APP, demoCommand(), fileSd)
                .withLogDir(tmp.resolve("pod-logs")))) {
      long t0 = System.nanoTime();
      createDeployment(client, ns, 2);

      List<Pod> pods =
          await("both pods Running and Ready")
              .atMost(RUNNING_DEADLINE)
              .until(() -> readyPods(client, ns), list -> list.size() == 2);
      LOG.info("Deployment created -> 2 pods Running and Ready: {} ms", millisSince(t0));

      for (Pod pod : pods) {
        assertEquals("127.0.0.1", pod.getStatus().getPodIP());
        assertEquals("127.0.0.1", pod.getStatus().getHostIP());
        assertEquals(
            Map.of("namespace", ns, "pod", name(pod), "service", APP, "app", APP),
            labelsOf(targetFile(fileSd, pod)));
        HttpResponse<String> metrics =
            get("http://" + targetOf(targetFile(fileSd, pod)) + "/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("http_requests_total"), metrics.body());
      }
      Map<String, RunningPod> running = byName(kubelet.pods());
      assertEquals(2, running.size());
      running.values().forEach(p -> pids.add(p.pid()));

      client.apps().deployments().inNamespace(ns).withName(APP).scale(1);

      await("one pod left in the API and in the kubelet")
          .atMost(API_DEADLINE)
          .untilAsserted(
              () -> {
                assertEquals(1, pods(client, ns).size());
                assertEquals(1, kubelet.pods().size());
              });
      String kept = name(pods(client, ns).get(0));
      RunningPod stopped =
          running.values().stream().filter(p -> !p.name().equals(kept)).findFirst().orElseThrow();
      await("the stopped pod's process has exited")
          .atMost(API_DEADLINE)
          .until(() -> !alive(stopped.pid()));
      assertEquals(List.of(fileSd.resolve(fileName(running.get(kept)))), jsonFiles(fileSd));
      assertEquals(
          200, get("http://127.0.0.1:" + running.get(kept).port() + "/healthz").statusCode());
    }

    // close() returned: every process it started has exited and every target file is gone
    for (long pid : pids) {
      assertFalse(alive(pid), "pid " + pid + " still running");
    }
    assertEquals(List.of(), jsonFiles(fileSd));
    assertEquals(List.of(), demoAppDescendants());
  }

  @Test
  void theJarRunsUntilSigtermAndThenStopsItsPods() throws Exception {
    Path jar = Path.of(System.getProperty("e2e.process-kubelet-jar", "target/process-kubelet.jar"));
    assumeTrue(Files.isRegularFile(jar), jar + " is missing; run ./mvnw -f e2e/pom.xml verify");
    KubernetesClient client = plane.client();
    String ns = "demo-jar";
    createNamespaceWithService(client, ns);
    Path fileSd = tmp.resolve("file-sd-jar");
    Path log = tmp.resolve("process-kubelet.log");
    List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx128m", "-jar", jar.toString()));
    command.addAll(
        List.of(
            "--kubeconfig=" + plane.env().kubeconfig(),
            "--namespace=" + ns,
            "--selector=" + APP_LABEL + "=" + APP,
            "--file-sd-dir=" + fileSd,
            "--log-dir=" + tmp.resolve("pod-logs-jar"),
            "--command=" + javaBin() + " -XX:TieredStopAtLevel=1 -Xmx64m -jar " + demoJar,
            "--command=--port={port}",
            "--command=--bind-address=127.0.0.1"));
    Process kubelet =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long t0 = System.nanoTime();
      createDeployment(client, ns, 1);
      await("the pod Running and Ready")
          .atMost(RUNNING_DEADLINE)
          .until(() -> readyPods(client, ns), list -> list.size() == 1);
      LOG.info("Deployment created -> pod Running (process-kubelet.jar): {} ms", millisSince(t0));
      await("its target file").atMost(API_DEADLINE).until(() -> jsonFiles(fileSd).size() == 1);
      List<ProcessHandle> children =
          kubelet.descendants().filter(ProcessKubeletIT::isDemoApp).toList();
      assertEquals(1, children.size(), "demo-app processes of the kubelet");

      kubelet.destroy(); // SIGTERM

      await("the kubelet exits").atMost(API_DEADLINE).until(() -> !kubelet.isAlive());
      assertFalse(children.get(0).isAlive(), "the pod's process outlived the kubelet");
      assertEquals(List.of(), jsonFiles(fileSd));
      String output = Files.readString(log);
      assertTrue(output.contains("stopped pid " + children.get(0).pid()), output);
    } finally {
      kubelet.destroyForcibly();
    }
  }

  private static CommandTemplate demoCommand() {
    return new CommandTemplate(
        List.of(
            javaBin(),
            "-XX:TieredStopAtLevel=1",
            "-Xmx64m",
            "-jar",
            demoJar.toString(),
            "--port={port}",
            "--bind-address=127.0.0.1"));
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void createNamespaceWithService(KubernetesClient client, String ns) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    // Pods are refused until the ServiceAccount controller has made 'default' in the namespace.
    await("ServiceAccount " + ns + "/default")
        .atMost(API_DEADLINE)
        .until(() -> client.serviceAccounts().inNamespace(ns).withName("default").get() != null);
    for (Map.Entry<String, String> service : Map.of(APP, APP, "other", "other").entrySet()) {
      client
          .services()
          .inNamespace(ns)
          .resource(
              new ServiceBuilder()
                  .withNewMetadata()
                  .withName(service.getKey())
                  .endMetadata()
                  .withNewSpec()
                  .withSelector(Map.of(APP_LABEL, service.getValue()))
                  .addNewPort()
                  .withName("http")
                  .withPort(8080)
                  .endPort()
                  .endSpec()
                  .build())
          .create();
    }
  }

  private static void createDeployment(KubernetesClient client, String ns, int replicas) {
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(APP)
                .addToLabels(APP_LABEL, APP)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels(APP_LABEL, APP)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels(APP_LABEL, APP)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(APP)
                .withImage("example.invalid/demo-app:e2e")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  private static List<Pod> pods(KubernetesClient client, String ns) {
    return client.pods().inNamespace(ns).withLabel(APP_LABEL, APP).list().getItems();
  }

  private static List<Pod> readyPods(KubernetesClient client, String ns) {
    return pods(client, ns).stream().filter(ProcessKubeletIT::isRunningAndReady).toList();
  }

  private static boolean isRunningAndReady(Pod pod) {
    if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
      return false;
    }
    List<PodCondition> conditions =
        Optional.ofNullable(pod.getStatus().getConditions()).orElse(List.of());
    return conditions.stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String name(Pod pod) {
    return pod.getMetadata().getName();
  }

  private static Path targetFile(Path fileSd, Pod pod) {
    return fileSd.resolve(
        FileSdTargets.fileName(
            pod.getMetadata().getNamespace(), name(pod), pod.getMetadata().getUid()));
  }

  private static String fileName(RunningPod pod) {
    return FileSdTargets.fileName(pod.namespace(), pod.name(), pod.uid());
  }

  private static JsonNode group(Path file) throws IOException {
    JsonNode groups = JSON.readTree(file.toFile());
    assertEquals(1, groups.size(), groups.toString());
    return groups.get(0);
  }

  private static Map<String, String> labelsOf(Path file) throws IOException {
    Map<String, String> labels = new HashMap<>();
    group(file)
        .get("labels")
        .properties()
        .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  private static String targetOf(Path file) throws IOException {
    JsonNode targets = group(file).get("targets");
    assertEquals(1, targets.size(), targets.toString());
    return targets.get(0).asText();
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, RunningPod> byName(List<RunningPod> pods) {
    Map<String, RunningPod> result = new HashMap<>();
    pods.forEach(p -> result.put(p.name(), p));
    return result;
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static List<Path> jsonFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  private static List<ProcessHandle> demoAppDescendants() {
    return ProcessHandle.current().descendants().filter(ProcessKubeletIT::isDemoApp).toList();
  }

  private static boolean isDemoApp(ProcessHandle process) {
    return process.isAlive()
        && process.info().commandLine().map(c -> c.contains("demo-app.jar")).orElse(false);
  }

  private static long millisSince(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0).toMillis();
  }
}
