package dev.metricsadapter.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Kubernetes API the adapter talks to, following the {@code --kubeconfig=PATH|none} flag:
 *
 * <ul>
 *   <li>{@code none}: no connection (standalone mode);
 *   <li>a path: that kubeconfig file, its current context;
 *   <li>absent: in-cluster (service-account token and {@code KUBERNETES_SERVICE_HOST}) when running
 *       in a pod, else the first existing file of {@code $KUBECONFIG}, else {@code ~/.kube/config}
 *       if it exists, else no connection.
 * </ul>
 *
 * <p>The environment, home directory and service-account directory are constructor parameters so
 * the choice is testable; fabric8's own system-property and environment auto-configuration is not
 * used, so what this class decides is what the client does. Clients get a 5 s connect timeout, a 10
 * s request timeout and one retry. Immutable and thread-safe.
 */
public final class KubernetesConnections {

  /** Where Kubernetes mounts a pod's service-account credentials. */
  public static final Path SERVICE_ACCOUNT_DIR =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  /** The name of the worker pool that runs blocking fabric8 calls. */
  public static final String WORKER_POOL = "kube";

  static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  static final int REQUEST_TIMEOUT_MILLIS = 10_000;
  private static final int WORKER_POOL_SIZE = 4;
  private static final Duration TOKEN_RELOAD = Duration.ofMinutes(1);

  private final Map<String, String> env;
  private final Path home;
  private final Path serviceAccountDir;

  /**
   * @param env the process environment
   * @param home the user's home directory, or {@code null} if unknown
   * @param serviceAccountDir where service-account files are mounted in a pod
   */
  public KubernetesConnections(Map<String, String> env, Path home, Path serviceAccountDir) {
    this.env = Map.copyOf(env);
    this.home = home;
    this.serviceAccountDir = Objects.requireNonNull(serviceAccountDir, "serviceAccountDir");
  }

  /** Connections resolved against this process' environment and {@code user.home}. */
  public static KubernetesConnections fromSystem() {
    String home = System.getProperty("user.home");
    return new KubernetesConnections(
        System.getenv(), home == null ? null : Path.of(home), SERVICE_ACCOUNT_DIR);
  }

  /**
   * A shared worker pool for blocking fabric8 calls; every caller gets its own handle on the same
   * pool and closes it when done.
   */
  public static WorkerExecutor workerPool(Vertx vertx) {
    return vertx.createSharedWorkerExecutor(WORKER_POOL, WORKER_POOL_SIZE, 60, TimeUnit.SECONDS);
  }

  /**
   * Where the connection comes from, and its client configuration.
   *
   * @param config the fabric8 configuration, timeouts set
   * @param source a human-readable origin for logs, e.g. {@code kubeconfig /home/me/.kube/config}
   */
  public record Target(Config config, String source) {
    public Target {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * Decides where to connect.
   *
   * @param kubeconfig the flag's value: {@code none}, a path, or empty when the flag is absent
   * @return the target, or empty for standalone mode
   * @throws IllegalArgumentException when a named or discovered kubeconfig cannot be read or
   *     parsed, or the service-account token cannot be read
   */
  public Optional<Target> resolve(Optional<String> kubeconfig) {
    if (kubeconfig.isPresent()) {
      String value = kubeconfig.get();
      if (value.equals("none")) {
        return Optional.empty();
      }
      if (value.isBlank()) {
        throw new IllegalArgumentException("--kubeconfig must be a file path or none, not blank");
      }
      return Optional.of(fromFile(Path.of(value), "--kubeconfig"));
    }
    if (inCluster()) {
      return Optional.of(inClusterTarget());
    }
    String kubeconfigEnv = env.get("KUBECONFIG");
    if (kubeconfigEnv != null && !kubeconfigEnv.isBlank()) {
      // kubectl merges every listed file; we use the first that exists, which covers the usual
      // single-file case without reimplementing kubeconfig merging.
      Optional<Path> first =
          Arrays.stream(kubeconfigEnv.split(File.pathSeparator))
              .filter(p -> !p.isBlank())
              .map(Path::of)
              .filter(Files::exists)
              .findFirst();
      if (first.isPresent()) {
        return Optional.of(fromFile(first.get(), "$KUBECONFIG"));
      }
    }
    if (home != null) {
      Path defaultFile = home.resolve(".kube").resolve("config");
      if (Files.exists(defaultFile)) {
        return Optional.of(fromFile(defaultFile, "~/.kube/config"));
      }
    }
    return Optional.empty();
  }

  /**
   * Connects as {@link #resolve} decides. Building a client does not contact the server.
   *
   * @return the client (the caller closes it), or empty for standalone mode
   */
  public Optional<KubernetesClient> connect(Optional<String> kubeconfig) {
    return resolve(kubeconfig).map(target -> client(target.config()));
  }

  /** A client for {@code config}; the caller closes it. */
  public static KubernetesClient client(Config config) {
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private boolean inCluster() {
    String host = env.get(Config.KUBERNETES_SERVICE_HOST_PROPERTY);
    return host != null
        && !host.isBlank()
        && Files.isRegularFile(serviceAccountDir.resolve("token"));
  }

  private Target inClusterTarget() {
    String host = env.get(Config.KUBERNETES_SERVICE_HOST_PROPERTY).trim();
    String port = env.getOrDefault(Config.KUBERNETES_SERVICE_PORT_PROPERTY, "443").trim();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    Path tokenFile = serviceAccountDir.resolve("token");
    TokenFile token = new TokenFile(tokenFile);
    try {
      token.getToken(); // fail at startup, not on the first request, when the token is unreadable
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    ConfigBuilder builder =
        new ConfigBuilder(Config.empty())
            .withMasterUrl("https://" + host + ":" + port)
            .withOauthTokenProvider(token);
    Path ca = serviceAccountDir.resolve("ca.crt");
    if (Files.isReadable(ca)) {
      builder.withCaCertFile(ca.toString());
    }
    Path namespace = serviceAccountDir.resolve("namespace");
    if (Files.isReadable(namespace)) {
      try {
        builder.withNamespace(Files.readString(namespace, StandardCharsets.UTF_8).trim());
      } catch (IOException e) {
        // the namespace is only a default for namespaced calls; the adapter always names one
      }
    }
    return new Target(
        withTimeouts(builder.build()), "in-cluster service account (" + tokenFile + ")");
  }

  private static Target fromFile(Path file, String origin) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(
          origin + ": kubeconfig file " + file + " does not exist or is not readable");
    }
    Config config;
    try {
      config = Config.fromKubeconfig(file.toFile());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          origin + ": cannot read kubeconfig file " + file + ": " + e.getMessage(), e);
    }
    // Without a current context fabric8 silently falls back to https://kubernetes.default.svc.
    if (config.getCurrentContext() == null) {
      throw new IllegalArgumentException(
          origin + ": kubeconfig file " + file + " has no current context");
    }
    return new Target(withTimeouts(config), "kubeconfig " + file);
  }

  // Set in place rather than through a ConfigBuilder copy: a copy may lose what the kubeconfig
  // loader recorded for refreshing exec and auth-provider credentials.
  private static Config withTimeouts(Config config) {
    config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
    config.setRequestTimeout(REQUEST_TIMEOUT_MILLIS);
    // HPAs ask again within seconds; long retry chains only delay the error they will see
    config.setRequestRetryBackoffLimit(1);
    return config;
  }

  /**
   * Reads the service-account token, again at most once a minute: projected tokens rotate, and the
   * kubelet rewrites the file well before the old token expires.
   */
  private static final class TokenFile implements OAuthTokenProvider {
    private final Path file;
    private String token;
    private long readAtNanos;

    TokenFile(Path file) {
      this.file = file;
    }

    @Override
    public synchronized String getToken() {
      long now = System.nanoTime();
      if (token == null || now - readAtNanos > TOKEN_RELOAD.toNanos()) {
        try {
          token = Files.readString(file, StandardCharsets.UTF_8).trim();
          readAtNanos = now;
        } catch (IOException e) {
          if (token == null) {
            throw new UncheckedIOException(
                "cannot read the service-account token " + file + ": " + e.getMessage(), e);
          }
          // keep the previous token; the next call tries the file again
        }
      }
      return token;
    }
  }
}
