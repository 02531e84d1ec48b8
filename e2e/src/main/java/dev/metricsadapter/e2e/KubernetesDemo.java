package dev.metricsadapter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Kubernetes half of {@code ./demo.sh}: drives a load that ramps up, holds and stops through
 * the demo pods as they come and go ({@link DemoLoad}), and every tick prints the time, the load,
 * each pod's {@code http_requests_per_second} as the adapter serves it through the aggregator, the
 * HPA's current and target value and the Deployment's {@code replicas=N}, plus the HPA's events as
 * they happen. Ends once the Deployment has scaled up and back to its minimum after the load, or
 * when the time runs out; exits 0 only if it saw both. Every API call has the client's deadline.
 */
@Command(
    name = "kubernetes-demo",
    mixinStandardHelpOptions = true,
    description = "Drive and show the demo HPA on a cluster from e2e/cluster.sh.")
public final class KubernetesDemo implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final String NAMESPACE = "demo";
  private static final String NAME = "demo-app";
  private static final String PODS_METRIC =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second";

  @Option(names = "--kubeconfig", required = true, description = "Admin kubeconfig.")
  Path kubeconfig;

  @Option(names = "--file-sd-dir", required = true, description = "The kubelet's file_sd dir.")
  Path fileSdDir;

  @Option(names = "--peak-rps", defaultValue = "60", description = "Highest total request rate.")
  double peakRps;

  @Option(
      names = "--load-seconds",
      defaultValue = "100",
      description = "How long the load runs: a 30 s ramp, then the peak.")
  long loadSeconds;

  @Option(
      names = "--settle-seconds",
      defaultValue = "150",
      description = "How long to wait after the load for the scale-down.")
  long settleSeconds;

  @Option(names = "--tick-seconds", defaultValue = "5", description = "Seconds between lines.")
  long tickSeconds;

  private final PrintStream out = System.out;

  public static void main(String[] args) {
    // Before the first logger exists: the kubelet's quiet configuration, not logback's debug
    // default.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "process-kubelet-logback.xml");
    }
    System.exit(new CommandLine(new KubernetesDemo()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    try (KubernetesClient client = KubeClients.fromKubeconfig(kubeconfig);
        DemoLoad load = DemoLoad.start(fileSdDir, 0)) {
      long started = System.nanoTime();
      int lowest = replicas(client);
      int highest = lowest;
      Set<String> seenEvents = new HashSet<>(eventUids(client));
      Long loadStopped = null;
      long deadline = loadSeconds + settleSeconds;
      while (true) {
        long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
        load.rate(rate(elapsed));
        if (loadStopped == null && elapsed >= loadSeconds) {
          loadStopped = elapsed;
          out.printf("%s load stopped%n", now());
        }
        printEvents(client, seenEvents);
        int replicas = replicas(client);
        highest = Math.max(highest, replicas);
        out.println(tick(client, load, replicas));
        if (loadStopped != null && highest > lowest && replicas <= lowest) {
          out.printf(
              "scaled %d -> %d -> %d replicas; back down %d s after the load stopped%n",
              lowest, highest, replicas, elapsed - loadStopped);
          return 0;
        }
        if (elapsed >= deadline) {
          out.printf(
              "time is up: replicas went %d -> %d and are %d now (wanted a scale-up and back)%n",
              lowest, highest, replicas);
          return 1;
        }
        Thread.sleep(Duration.ofSeconds(tickSeconds).toMillis());
      }
    }
  }

  /** Ramps from 0 to the peak over 30 s, holds it, and stops after the load time. */
  private double rate(long elapsed) {
    if (elapsed >= loadSeconds) {
      return 0;
    }
    return peakRps * Math.min(1.0, elapsed / 30.0);
  }

  private String tick(KubernetesClient client, DemoLoad load, int replicas) {
    StringJoiner pods = new StringJoiner(" ");
    perPodValues(client).forEach((pod, value) -> pods.add(pod + "=" + value));
    return String.format(
        "%s load=%3.0f rps  pods: %s  hpa=%s  replicas=%d",
        now(), load.rate(), pods.length() == 0 ? "(none yet)" : pods, hpaValues(client), replicas);
  }

  private static TreeMap<String, String> perPodValues(KubernetesClient client) {
    TreeMap<String, String> values = new TreeMap<>();
    try {
      JsonNode list = JSON.readTree(client.raw(client.getMasterUrl() + PODS_METRIC.substring(1)));
      for (JsonNode item : list.path("items")) {
        values.put(
            item.path("describedObject").path("name").asText(),
            decimal(new Quantity(item.path("value").asText())));
      }
    } catch (RuntimeException | java.io.IOException e) {
      values.put("(unavailable)", String.valueOf(e.getMessage()));
    }
    return values;
  }

  /** The demo HPA as the API server has it now, or null. */
  static HorizontalPodAutoscaler hpa(KubernetesClient client) {
    return client
        .autoscaling()
        .v2()
        .horizontalPodAutoscalers()
        .inNamespace(NAMESPACE)
        .withName(NAME)
        .get();
  }

  private static String hpaValues(KubernetesClient client) {
    HorizontalPodAutoscaler hpa = hpa(client);
    if (hpa == null || hpa.getStatus() == null) {
      return "-";
    }
    String target =
        hpa.getSpec().getMetrics().get(0).getPods().getTarget().getAverageValue().toString();
    if (hpa.getStatus().getCurrentMetrics() == null
        || hpa.getStatus().getCurrentMetrics().isEmpty()) {
      return "<unknown>/" + target;
    }
    MetricStatus current = hpa.getStatus().getCurrentMetrics().get(0);
    return decimal(current.getPods().getCurrent().getAverageValue()) + "/" + target;
  }

  /** The demo Deployment's {@code spec.replicas}, as the HPA sets it (1 when unset). */
  static int replicas(KubernetesClient client) {
    Integer replicas =
        client
            .apps()
            .deployments()
            .inNamespace(NAMESPACE)
            .withName(NAME)
            .get()
            .getSpec()
            .getReplicas();
    return replicas == null ? 1 : replicas;
  }

  private static Set<String> eventUids(KubernetesClient client) {
    Set<String> uids = new HashSet<>();
    hpaEvents(client).forEach(event -> uids.add(event.getMetadata().getUid()));
    return uids;
  }

  private static java.util.List<Event> hpaEvents(KubernetesClient client) {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> "HorizontalPodAutoscaler".equals(e.getInvolvedObject().getKind()))
        .filter(e -> NAME.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  private void printEvents(KubernetesClient client, Set<String> seen) {
    for (Event event : hpaEvents(client)) {
      if (seen.add(event.getMetadata().getUid())) {
        out.printf("%s HPA event %s: %s%n", now(), event.getReason(), event.getMessage());
      }
    }
  }

  private static String decimal(Quantity quantity) {
    BigDecimal value = Quantity.getAmountInBytes(quantity);
    return value
        .setScale(value.abs().compareTo(BigDecimal.TEN) >= 0 ? 0 : 1, RoundingMode.HALF_UP)
        .toPlainString();
  }

  private static String now() {
    return LocalTime.now().format(CLOCK);
  }
}
