package dev.metricsadapter.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole chain of {@code e2e/cluster.sh}: a real control plane, the adapter's manifests applied
 * through the {@code e2e/local} overlay, the adapter jar serving as the aggregated API on loopback
 * with delegated auth, Prometheus scraping the pods the process kubelet runs. Started once per JVM
 * (JUnit's root store) by the first test that asks for it as a parameter, stopped when the JVM's
 * tests end. Skips or fails per {@link E2eRequirements} where no control plane can run.
 */
final class AdapterCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AdapterCluster.class);
  private static final Path SCRIPT = Path.of("cluster.sh").toAbsolutePath();
  private static final Duration UP_DEADLINE = Duration.ofMinutes(25);
  private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(60);

  /** Resolves {@link AdapterCluster} parameters of test methods and lifecycle methods. */
  static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == AdapterCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      E2eRequirements.requireControlPlane();
      return context
          .getRoot()
          .getStore(ExtensionContext.Namespace.GLOBAL)
          .getOrComputeIfAbsent(AdapterCluster.class, key -> start(), AdapterCluster.class);
    }
  }

  /** What one command printed and how it ended. */
  record Run(int exitCode, String output) {}

  private final Path dir;
  private final Map<String, String> env;
  private final KubernetesClient admin;
  private final HttpClient frontProxy;

  private AdapterCluster(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
    this.admin = KubeClients.fromKubeconfig(Path.of(env.get("KUBECONFIG")));
    this.frontProxy =
        client(
            Path.of(env.get("FRONT_PROXY_CLIENT_CERT")),
            Path.of(env.get("FRONT_PROXY_CLIENT_KEY")));
  }

  private static AdapterCluster start() {
    try {
      Path dir = Files.createTempDirectory("adapter-cluster");
      LOG.info("starting the adapter cluster in {}", dir);
      Run up = run(List.of("bash", SCRIPT.toString(), "up", dir.toString()), UP_DEADLINE);
      if (up.exitCode() != 0) {
        run(List.of("bash", SCRIPT.toString(), "down", dir.toString()), COMMAND_DEADLINE);
        throw new IllegalStateException("cluster.sh up failed: " + tail(up.output()));
      }
      Map<String, String> env = new LinkedHashMap<>();
      for (String line : Files.readAllLines(dir.resolve("env"))) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          env.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return new AdapterCluster(dir, env);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the adapter cluster: " + e, e);
    }
  }

  /** A value of {@code DIR/env}. */
  String env(String key) {
    String value = env.get(key);
    if (value == null) {
      throw new IllegalStateException("cluster.sh wrote no " + key + ": " + env.keySet());
    }
    return value;
  }

  /** A cluster-admin client; the cluster owns it. */
  KubernetesClient admin() {
    return admin;
  }

  /** {@code kubectl} (the cluster's version) as cluster-admin, with {@code args}. */
  Run kubectl(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(List.of(env("KUBECTL"), "--kubeconfig=" + env("KUBECONFIG")));
    command.addAll(List.of(args));
    return run(command, COMMAND_DEADLINE);
  }

  /** {@link #kubectl} that must succeed; its output. */
  String kubectlOk(String... args) throws IOException {
    Run run = kubectl(args);
    if (run.exitCode() != 0) {
      throw new AssertionError("kubectl " + String.join(" ", args) + ": " + run.output());
    }
    return run.output();
  }

  /**
   * GET {@code path} from the adapter directly, as the aggregator would send it: the front-proxy
   * client certificate, {@code X-Remote-User: user} and the given groups.
   */
  HttpResponse<String> direct(String path, String user, String... groups)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(env("ADAPTER_URL") + path))
            .timeout(Duration.ofSeconds(30))
            .header("X-Remote-User", user);
    for (String group : groups) {
      request.header("X-Remote-Group", group);
    }
    return frontProxy.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The adapter's log so far. */
  String adapterLog() throws IOException {
    return Files.readString(Path.of(env("ADAPTER_LOG")));
  }

  @Override
  public void close() throws IOException {
    admin.close();
    Run down = run(List.of("bash", SCRIPT.toString(), "down", dir.toString()), COMMAND_DEADLINE);
    LOG.info("cluster.sh down: exit {}", down.exitCode());
  }

  /** Runs {@code command}, output and errors merged; killed past {@code deadline}. */
  static Run run(List<String> command, Duration deadline) throws IOException {
    Path output = Files.createTempFile("e2e-command", ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException(
            String.join(" ", command)
                + " did not end within "
                + deadline
                + ": "
                + Files.readString(output));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted", e);
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    Files.delete(output);
    return new Run(process.exitValue(), printed);
  }

  private static String tail(String output) {
    List<String> lines = output.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** An HTTPS client presenting {@code certificate} and trusting the adapter's serving CA. */
  private HttpClient client(Path certificate, Path key) {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "client",
          privateKey(key),
          new char[0],
          certificates(certificate).toArray(new Certificate[0]));
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("SunX509");
      keyManagers.init(keys, new char[0]);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (Certificate ca : certificates(Path.of(env("ADAPTER_CA")))) {
        trust.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return HttpClient.newBuilder()
          .sslContext(tls)
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load " + certificate + " and its key: " + e, e);
    }
  }

  private static List<Certificate> certificates(Path pem)
      throws IOException, GeneralSecurityException {
    return List.copyOf(
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem))));
  }

  private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String base64 =
        Files.readString(pem)
            .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(spec);
    } catch (GeneralSecurityException notRsa) {
      return KeyFactory.getInstance("EC").generatePrivate(spec);
    }
  }
}
