package dev.metricsadapter.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager) on 127.0.0.1, run
 * by {@code e2e/control-plane.sh}; see {@code e2e/README.md}. No kubelet: pair it with {@link
 * ProcessKubelet} to get running pods.
 *
 * <p>{@link #start} runs {@code control-plane.sh up DIR} (which first builds the binaries if they
 * are not cached) and {@link #close} runs {@code control-plane.sh down DIR}; a JVM shutdown hook
 * runs {@code down} too if the JVM exits without {@link #close}. The script's stderr goes to the
 * log (logger {@code control-plane}). The script is {@code e2e/control-plane.sh}, from the system
 * property {@value #SCRIPT_PROPERTY} or else found by walking up from the working directory.
 *
 * <p>Thread-safe. Failures are {@link IllegalStateException}s that carry the script's last lines.
 */
public final class LocalControlPlane implements AutoCloseable {
  /** System property naming {@code control-plane.sh}. */
  public static final String SCRIPT_PROPERTY = "e2e.script";

  static final List<String> BINARIES =
      List.of("etcd", "kube-apiserver", "kube-controller-manager", "kubectl");
  private static final Duration START_DEADLINE = Duration.ofMinutes(5);
  private static final Duration BUILD_DEADLINE = Duration.ofMinutes(20);
  private static final Duration STOP_DEADLINE = Duration.ofMinutes(2);
  private static final Duration PROBE_DEADLINE = Duration.ofSeconds(30);
  private static final int MIN_GO_MINOR = 26;
  private static final Pattern GO_VERSION = Pattern.compile("go(\\d+)\\.(\\d+).*");
  private static final Logger LOG = LoggerFactory.getLogger(LocalControlPlane.class);
  private static final Logger SCRIPT_LOG = LoggerFactory.getLogger("control-plane");

  private final Path script;
  private final Path dir;
  private final ControlPlaneEnv env;
  private final Thread downOnExit;
  // Guarded by this.
  private KubernetesClient client;
  private boolean closed;

  private LocalControlPlane(Path script, Path dir, ControlPlaneEnv env) {
    this.script = script;
    this.dir = dir;
    this.env = env;
    this.downOnExit = new Thread(this::down, "control-plane-down");
  }

  /**
   * Starts a control plane with its state in {@code dir} (created if missing; use a fresh one).
   * Returns once it is healthy and the {@code default} ServiceAccount exists (~10 s with cached
   * binaries; up to 20 minutes if it has to build them).
   *
   * @throws IllegalStateException if {@link #availability} says no, or {@code up} fails or times
   *     out (then {@code down} has been run)
   */
  public static LocalControlPlane start(Path dir) {
    Availability availability = availability();
    if (!availability.available()) {
      throw new IllegalStateException(
          "the control plane cannot run here: " + availability.reason());
    }
    Path script = findScript().orElseThrow();
    Path absolute = dir.toAbsolutePath();
    Duration deadline = availability.needsBuild() ? BUILD_DEADLINE : START_DEADLINE;
    long t0 = System.nanoTime();
    Run up = run(List.of("bash", script.toString(), "up", absolute.toString()), deadline, true);
    if (!up.succeeded()) {
      run(List.of("bash", script.toString(), "down", absolute.toString()), STOP_DEADLINE, true);
      throw new IllegalStateException("control-plane.sh up " + absolute + " " + up.describe());
    }
    ControlPlaneEnv env;
    try {
      env = ControlPlaneEnv.parse(Files.readAllLines(absolute.resolve("env")));
    } catch (IOException | IllegalArgumentException e) {
      run(List.of("bash", script.toString(), "down", absolute.toString()), STOP_DEADLINE, true);
      throw new IllegalStateException("cannot read " + absolute.resolve("env") + ": " + e, e);
    }
    LocalControlPlane plane = new LocalControlPlane(script, absolute, env);
    Runtime.getRuntime().addShutdownHook(plane.downOnExit);
    LOG.info(
        "control plane up at {} in {} ms",
        env.apiserverUrl(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    return plane;
  }

  /** Where it runs and how to reach it. */
  public ControlPlaneEnv env() {
    return env;
  }

  /** Its state directory (logs in {@code logs/}, PKI in {@code pki/}). */
  public Path dir() {
    return dir;
  }

  /**
   * A cluster-admin fabric8 client (connect timeout 10 s, request timeout 30 s), created on the
   * first call and shared; {@link #close} closes it, callers do not.
   */
  public synchronized KubernetesClient client() {
    if (closed) {
      throw new IllegalStateException("the control plane in " + dir + " is closed");
    }
    if (client == null) {
      client = KubeClients.fromKubeconfig(env.kubeconfig());
    }
    return client;
  }

  /**
   * Closes the client and runs {@code control-plane.sh down DIR} (which keeps {@code logs/}).
   * Idempotent.
   *
   * @throws IllegalStateException if {@code down} fails
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (client != null) {
        client.close();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(downOnExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook runs down itself
      return;
    }
    Run down = down();
    if (!down.succeeded()) {
      throw new IllegalStateException("control-plane.sh down " + dir + " " + down.describe());
    }
  }

  private Run down() {
    return run(List.of("bash", script.toString(), "down", dir.toString()), STOP_DEADLINE, true);
  }

  /**
   * Whether a control plane can start here: {@code control-plane.sh} is found, {@code openssl} and
   * {@code curl} are on PATH, and either the binaries are cached ({@code build-k8s.sh
   * --print-bin-dir} has etcd, kube-apiserver, kube-controller-manager and kubectl) or a Go
   * toolchain >= 1.26 is on PATH to build them. Runs two short commands; never throws.
   */
  public static Availability availability() {
    Optional<Path> script = findScript();
    if (script.isEmpty()) {
      String property = System.getProperty(SCRIPT_PROPERTY);
      return Availability.no(
          property != null
              ? "-D" + SCRIPT_PROPERTY + "=" + property + " is not a file"
              : "e2e/control-plane.sh not found above " + System.getProperty("user.dir"));
    }
    for (String tool : List.of("bash", "openssl", "curl")) {
      if (!onPath(tool)) {
        return Availability.no("control-plane.sh needs '" + tool + "' on PATH");
      }
    }
    Path build = script.get().resolveSibling("build-k8s.sh");
    Run printed = run(List.of("bash", build.toString(), "--print-bin-dir"), PROBE_DEADLINE, false);
    if (!printed.succeeded() || printed.stdout().isEmpty()) {
      return Availability.no(build + " --print-bin-dir " + printed.describe());
    }
    Path binDir = Path.of(printed.stdout().get(printed.stdout().size() - 1).trim());
    List<String> missing =
        BINARIES.stream().filter(name -> !Files.isExecutable(binDir.resolve(name))).toList();
    if (missing.isEmpty()) {
      return new Availability(true, false, "binaries cached in " + binDir);
    }
    String goVersion = goVersion();
    Matcher m = GO_VERSION.matcher(goVersion);
    if (!m.matches()) {
      return Availability.no(
          "binaries "
              + missing
              + " are not in "
              + binDir
              + " and Go >= 1."
              + MIN_GO_MINOR
              + " is needed to build them: "
              + goVersion);
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    if (major < 1 || (major == 1 && minor < MIN_GO_MINOR)) {
      return Availability.no(
          "binaries "
              + missing
              + " are not in "
              + binDir
              + " and "
              + goVersion
              + " on PATH is older than go1."
              + MIN_GO_MINOR);
    }
    return new Availability(
        true,
        true,
        "binaries "
            + missing
            + " are not in "
            + binDir
            + "; "
            + goVersion
            + " will build them (about 13 minutes cold)");
  }

  /** {@code go env GOVERSION} (e.g. {@code go1.26.8}), or why it could not be run. */
  private static String goVersion() {
    if (!onPath("go")) {
      return "no 'go' on PATH";
    }
    // GOTOOLCHAIN=local: an older go must not try to download a newer toolchain.
    Run go =
        run(
            List.of("go", "env", "GOVERSION"),
            PROBE_DEADLINE,
            false,
            Map.of("GOTOOLCHAIN", "local"));
    if (!go.succeeded() || go.stdout().isEmpty()) {
      return "'go env GOVERSION' " + go.describe();
    }
    return go.stdout().get(0).trim();
  }

  /**
   * The control-plane script: the system property {@value #SCRIPT_PROPERTY} if set (empty if it
   * names no file), else the first {@code e2e/control-plane.sh} in the working directory or one of
   * its parents.
   */
  public static Optional<Path> findScript() {
    String property = System.getProperty(SCRIPT_PROPERTY);
    if (property != null && !property.isBlank()) {
      Path path = Path.of(property).toAbsolutePath().normalize();
      return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("e2e").resolve("control-plane.sh");
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, program))) {
        return true;
      }
    }
    return false;
  }

  private static Run run(List<String> command, Duration deadline, boolean logStderr) {
    return run(command, deadline, logStderr, Map.of());
  }

  /**
   * Runs {@code command} with stdin from nothing, collecting stdout and the tail of stderr (each
   * stderr line also goes to the log if {@code logStderr}). At the deadline it gets SIGTERM (the
   * script then stops what it started), SIGKILL 30 s later.
   */
  private static Run run(
      List<String> command, Duration deadline, boolean logStderr, Map<String, String> extraEnv) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(extraEnv);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new Run(-1, false, deadline, List.of(), List.of("cannot run " + command + ": " + e));
    }
    List<String> stdout = new ArrayList<>();
    Deque<String> stderrTail = new ArrayDeque<>();
    Thread out = drain(process.getInputStream(), line -> add(stdout, line), "stdout");
    Thread err =
        drain(
            process.getErrorStream(),
            line -> {
              if (logStderr) {
                SCRIPT_LOG.info("{}", line);
              }
              synchronized (stderrTail) {
                stderrTail.addLast(line);
                if (stderrTail.size() > 40) {
                  stderrTail.removeFirst();
                }
              }
            },
            "stderr");
    try {
      boolean exited = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      }
      out.join(TimeUnit.SECONDS.toMillis(10));
      err.join(TimeUnit.SECONDS.toMillis(10));
      synchronized (stderrTail) {
        synchronized (stdout) {
          return new Run(
              exited ? process.exitValue() : -1,
              !exited,
              deadline,
              List.copyOf(stdout),
              List.copyOf(stderrTail));
        }
      }
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      return new Run(-1, false, deadline, List.of(), List.of("interrupted"));
    }
  }

  private static void add(List<String> lines, String line) {
    synchronized (lines) {
      lines.add(line);
    }
  }

  private static Thread drain(InputStream stream, Consumer<String> sink, String name) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  sink.accept(line);
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            "control-plane-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** How a command ended. */
  private record Run(
      int exitCode, boolean timedOut, Duration deadline, List<String> stdout, List<String> stderr) {
    boolean succeeded() {
      return !timedOut && exitCode == 0;
    }

    String describe() {
      String how;
      if (timedOut) {
        how = "did not finish within " + deadline.toSeconds() + " s";
      } else if (exitCode < 0) {
        how = "could not be run";
      } else {
        how = "exited with code " + exitCode;
      }
      return stderr.isEmpty() ? how : how + "; its last lines:\n  " + String.join("\n  ", stderr);
    }
  }
}
