package dev.metricsadapter.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in kubelet for a control plane without nodes: it runs one local process per pod and
 * reports the pod as a kubelet would.
 *
 * <p>It watches the pods of one namespace that match a label selector (a fabric8 informer). For
 * each pod that appears, is not terminating, not finished (phase Succeeded or Failed) and not yet
 * handled, it picks a free loopback port, starts the {@link CommandTemplate command} with that
 * port, waits until {@code http://127.0.0.1:PORT/healthz} answers 200, writes the pod's Prometheus
 * file_sd target file ({@link FileSdTargets}, labels {@code namespace}, {@code pod}, {@code
 * service}, {@code app}) and then patches {@code pods/<name>/status} to Running and Ready ({@link
 * PodStatusPatch}), so a pod the API server shows Ready has its target file. A process that exits
 * before it is healthy (say, because another process took its port) is started again on another
 * port, twice at most. When the pod is deleted, gets a {@code deletionTimestamp} or finishes, its
 * target file is removed and its process gets SIGTERM, then SIGKILL after the stop timeout. A
 * process that exits by itself is logged (the pod's status is not changed, and it is not
 * restarted). Each of these events is logged in one line.
 *
 * <p>Thread-safety: all public methods may be called from any thread. Informer events are handled
 * on fabric8's informer thread, which only hands work to a private pool: starting, probing and
 * stopping processes happen there, in parallel for different pods, and in order for one pod. {@link
 * #close} waits for all of it.
 *
 * <p>Failures: {@link #start} throws {@link IllegalStateException} if the informer cannot list the
 * pods within {@value Informers#SYNC_TIMEOUT_SECONDS} s (every API call has the client's request
 * timeout). Later failures (a command that cannot start, a status patch refused) are logged and
 * leave that pod Pending; they do not stop the kubelet.
 */
public final class ProcessKubelet implements AutoCloseable {
  private static final int START_ATTEMPTS = 3;
  private static final Duration PROBE_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  private static final String APP_LABEL = "app.kubernetes.io/name";

  // An instance field, not a static one: main() chooses the logging configuration before the
  // first logger exists.
  private final Logger log = LoggerFactory.getLogger(ProcessKubelet.class);
  private final KubernetesClient client;
  private final KubeletOptions options;
  private final FileSdTargets targets;
  private final HttpClient http;
  private final ExecutorService workers;
  // Guarded by this: the pods handled and not yet stopped, by UID; whether close() has begun.
  private final Map<String, PodRun> runs = new HashMap<>();
  private boolean closed;
  private volatile SharedIndexInformer<Pod> informer;

  private ProcessKubelet(KubernetesClient client, KubeletOptions options) {
    this.client = client;
    this.options = options;
    this.targets = new FileSdTargets(options.fileSdDir());
    this.http =
        HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(PROBE_CONNECT_TIMEOUT)
            .build();
    this.workers = Executors.newCachedThreadPool(namedDaemonThreads());
  }

  /**
   * Starts watching and returns once the informer has listed the current pods (their processes are
   * then starting). The caller keeps ownership of {@code client}; close the kubelet first.
   *
   * @throws IllegalStateException if the pods cannot be listed in time
   * @throws UncheckedIOException if a directory in the options cannot be created
   */
  public static ProcessKubelet start(KubernetesClient client, KubeletOptions options) {
    try {
      Files.createDirectories(options.fileSdDir());
      if (options.logDir().isPresent()) {
        Files.createDirectories(options.logDir().get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the kubelet's directories", e);
    }
    ProcessKubelet kubelet = new ProcessKubelet(client, options);
    kubelet.watch();
    return kubelet;
  }

  private void watch() {
    var pods = client.pods().inNamespace(options.namespace());
    SharedIndexInformer<Pod> watching =
        options.selector().isBlank()
            ? pods.runnableInformer(0)
            : pods.withLabelSelector(options.selector()).runnableInformer(0);
    // Each handler only looks at the pod and hands work to the pool.
    watching.addEventHandler(
        new GuardedHandler<>(log, "cannot handle a pod event", this::seen, this::gone));
    informer = watching;
    log.info(
        "watching pods in namespace {} with selector '{}'; file_sd dir {}",
        options.namespace(),
        options.selector(),
        options.fileSdDir());
    Informers.startAndSync(watching, "the pods of namespace " + options.namespace(), this::close);
  }

  /** The pods it runs a process for right now (stopped ones are gone), in no particular order. */
  public synchronized List<RunningPod> pods() {
    List<RunningPod> result = new ArrayList<>();
    for (PodRun run : runs.values()) {
      run.snapshot().ifPresent(result::add);
    }
    return result;
  }

  /**
   * Stops the informer, then every process (in parallel; each gets the stop timeout), and removes
   * their target files. Idempotent; does not close the client.
   */
  @Override
  public void close() {
    List<PodRun> toStop;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toStop = List.copyOf(runs.values());
      runs.clear();
    }
    SharedIndexInformer<Pod> watching = informer;
    if (watching != null) {
      watching.close();
    }
    toStop.forEach(run -> workers.execute(run::stop));
    workers.shutdown();
    long waitSeconds = options.stopTimeout().toSeconds() + options.readyTimeout().toSeconds() + 10;
    try {
      if (!workers.awaitTermination(waitSeconds, TimeUnit.SECONDS)) {
        log.warn("some pod processes were still being stopped after {} s", waitSeconds);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("closed; stopped {} pod(s)", toStop.size());
  }

  private synchronized void seen(Pod pod) {
    if (closed) {
      return;
    }
    if (pod.getMetadata().getDeletionTimestamp() != null || isFinished(pod)) {
      gone(pod);
      return;
    }
    String uid = pod.getMetadata().getUid();
    if (!runs.containsKey(uid)) {
      PodRun run = new PodRun(pod);
      runs.put(uid, run);
      workers.execute(run::start);
    }
  }

  private synchronized void gone(Pod pod) {
    PodRun run = runs.remove(pod.getMetadata().getUid());
    if (run != null && !closed) {
      workers.execute(run::stop);
    }
  }

  private static boolean isFinished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static ThreadFactory namedDaemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "process-kubelet-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** One pod's process, from start to stop. */
  private final class PodRun {
    private final Pod pod;
    private final String id;
    private final Instant seenAt = Instant.now();
    // Guarded by this. Once stopping is set no process is started and no target file written.
    private PodProcess process;
    private boolean stopping;
    private boolean ready;

    PodRun(Pod pod) {
      this.pod = pod;
      this.id = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private String name() {
      return pod.getMetadata().getName();
    }

    private String uid() {
      return pod.getMetadata().getUid();
    }

    synchronized boolean isStopping() {
      return stopping;
    }

    synchronized Optional<RunningPod> snapshot() {
      if (process == null || stopping || !process.alive()) {
        return Optional.empty();
      }
      return Optional.of(
          new RunningPod(options.namespace(), name(), uid(), process.pid(), process.port(), ready));
    }

    void start() {
      try {
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
          PodProcess started = launch();
          if (started == null) {
            return;
          }
          switch (started.awaitHealthy(http, options.readyTimeout(), this::isStopping)) {
            case HEALTHY -> {
              markRunning(started);
              return;
            }
            case CANCELLED -> {
              return;
            }
            case EXITED ->
                log.warn(
                    "pod {}: pid {} exited before it was healthy (attempt {} of {})",
                    id,
                    started.pid(),
                    attempt,
                    START_ATTEMPTS);
            case TIMED_OUT -> {
              log.error(
                  "pod {}: pid {} not healthy on 127.0.0.1:{} within {} s; stopping it",
                  id,
                  started.pid(),
                  started.port(),
                  options.readyTimeout().toSeconds());
              started.stop(options.stopTimeout());
              return;
            }
          }
        }
        log.error("pod {}: gave up after {} attempts; it stays Pending", id, START_ATTEMPTS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.error("pod {}: cannot run it", id, e);
      }
    }

    /** Starts a process on a new port, unless the pod is stopping; null if not started. */
    private PodProcess launch() {
      int port = LoopbackPorts.free();
      List<String> argv = options.command().render(port, options.namespace(), name());
      PodProcess started;
      synchronized (this) {
        if (stopping) {
          return null;
        }
        try {
          started = PodProcess.start(argv, port, output());
        } catch (IOException e) {
          log.error("pod {}: cannot start {}: {}", id, argv, e.getMessage());
          return null;
        }
        process = started;
      }
      log.info("pod {}: started pid {} on 127.0.0.1:{}", id, started.pid(), port);
      started
          .onExit()
          .thenAccept(
              code -> {
                if (!started.stopRequested() && !isStopping()) {
                  log.warn("pod {}: pid {} exited by itself with code {}", id, started.pid(), code);
                }
              });
      return started;
    }

    private ProcessBuilder.Redirect output() {
      return options
          .logDir()
          .map(
              dir ->
                  ProcessBuilder.Redirect.appendTo(
                      dir.resolve(options.namespace() + "_" + name() + ".log").toFile()))
          .orElse(ProcessBuilder.Redirect.INHERIT);
    }

    /**
     * Writes the target file, then reports the pod Running, so that a pod the API server shows
     * Ready already has its file. If the report fails, the file is removed again.
     */
    private void markRunning(PodProcess started) {
      Instant readyAt = Instant.now();
      ScrapeTarget target =
          new ScrapeTarget(
              options.namespace(),
              name(),
              uid(),
              started.port(),
              service(),
              Optional.ofNullable(pod.getMetadata().getLabels()).map(l -> l.get(APP_LABEL)));
      synchronized (this) {
        if (stopping) {
          return;
        }
        targets.write(target);
      }
      String patch = PodStatusPatch.running(pod, started.pid(), seenAt, readyAt).toString();
      try {
        client
            .pods()
            .inNamespace(options.namespace())
            .withName(name())
            .subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          log.info("pod {}: deleted before it could be reported Running", id);
        } else {
          log.error("pod {}: cannot patch its status, so it stays Pending: {}", id, e.getMessage());
        }
        synchronized (this) {
          targets.remove(options.namespace(), name(), uid());
        }
        return;
      }
      synchronized (this) {
        ready = !stopping;
      }
      log.info(
          "pod {}: ready on {} in {} ms{}",
          id,
          target.address(),
          Duration.between(seenAt, Instant.now()).toMillis(),
          target.service().map(s -> " (service " + s + ")").orElse(""));
    }

    private Optional<String> service() {
      try {
        var services = client.services().inNamespace(options.namespace()).list().getItems();
        return ServiceSelection.serviceFor(
            Optional.ofNullable(pod.getMetadata().getLabels()).orElse(Map.of()), services);
      } catch (KubernetesClientException e) {
        log.warn("pod {}: cannot list Services, so its target has no service label: {}", id, e);
        return Optional.empty();
      }
    }

    void stop() {
      PodProcess running;
      synchronized (this) {
        if (stopping) {
          return;
        }
        stopping = true;
        running = process;
      }
      try {
        targets.remove(options.namespace(), name(), uid());
      } catch (UncheckedIOException e) {
        log.error("pod {}: {}", id, e.getMessage());
      }
      if (running == null) {
        log.info("pod {}: stopped before its process started", id);
        return;
      }
      try {
        OptionalInt code = running.stop(options.stopTimeout());
        if (code.isPresent()) {
          log.info("pod {}: stopped pid {} (exit code {})", id, running.pid(), code.getAsInt());
        } else {
          log.error("pod {}: pid {} survived SIGKILL", id, running.pid());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Runs the kubelet as a process until SIGTERM (or Ctrl-C); see {@code --help}. Exit codes: 2 for
   * a bad command line, 1 if it cannot start.
   */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "process-kubelet-logback.xml");
    }
    System.exit(ProcessKubeletCommand.execute(args));
  }
}
