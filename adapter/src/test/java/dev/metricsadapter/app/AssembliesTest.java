package dev.metricsadapter.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.auth.AuthOptions;
import dev.metricsadapter.auth.AuthenticationSettings;
import dev.metricsadapter.cli.ServeCommand;
import dev.metricsadapter.cli.ServeOptions;
import dev.metricsadapter.cli.ServerOptions;
import dev.metricsadapter.observability.LoggingOptions;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.prometheus.QueryPathOptions;
import dev.metricsadapter.provider.DiscoveryOptions;
import dev.metricsadapter.testing.FakePrometheus;
import dev.metricsadapter.testing.Futures;
import dev.metricsadapter.testing.TestCertificates;
import dev.metricsadapter.testing.TrustAllCertificates;
import dev.metricsadapter.tls.TlsEngine;
import dev.metricsadapter.tls.TlsSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three assemblies in-process against a Prometheus stand-in on loopback: {@link Adapter}
 * starts, serves and closes everything it built (also when a step fails), and serve, check and
 * explain all reach Prometheus with the connection flags (TLS CA, bearer token) and list series
 * under {@code --discovery-timeout}.
 */
class AssembliesTest {

  private static final String TOKEN = "s3cret";
  private static final String METRIC_PATH =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second";
  private static final String SERIES =
      "{\"status\":\"success\",\"data\":[{\"__name__\":\"http_requests_total\","
          + "\"namespace\":\"demo\",\"pod\":\"demo-1\"}]}";
  private static final String VECTOR =
      "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":"
          + "{\"namespace\":\"demo\",\"pod\":\"demo-1\"},\"value\":[1700000000,\"5\"]}]}}";

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final List<AutoCloseable> started = new ArrayList<>();
  private Path rules;
  private Path caFile;
  private Path tokenFile;
  private FakePrometheus prometheus;
  private volatile Duration seriesDelay = Duration.ZERO;

  @BeforeEach
  void prometheusOverTlsWithAToken() throws IOException {
    rules =
        Files.writeString(
            dir.resolve("rules.yaml"),
            """
            rules:
            - seriesQuery: 'http_requests_total{namespace!="",pod!=""}'
              resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
              name: {matches: "^(.*)_total$", as: "${1}_per_second"}
              metricsQuery: sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)
            """);
    TestCertificates.Issued ca = TestCertificates.authority("prometheus-ca");
    TestCertificates.Issued leaf =
        TestCertificates.leaf(
            ca, "prometheus", new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    caFile = ca.writeCertificate(dir.resolve("ca.crt"));
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    prometheus =
        FakePrometheus.start(
                vertx,
                new HttpServerOptions()
                    .setSsl(true)
                    .setKeyCertOptions(
                        new PemKeyCertOptions()
                            .setCertValue(Buffer.buffer(leaf.certificatePem()))
                            .setKeyValue(Buffer.buffer(leaf.keyPem()))))
            .respond(this::answer);
  }

  /** Series (after {@link #seriesDelay}) and one value, only with the bearer token. */
  private void answer(HttpServerRequest request) {
    if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
      request.response().setStatusCode(401).end("no token");
      return;
    }
    String body = request.path().endsWith("/series") ? SERIES : VECTOR;
    Runnable reply =
        () -> request.response().putHeader("Content-Type", "application/json").end(body);
    if (request.path().endsWith("/series") && !seriesDelay.isZero()) {
      vertx.setTimer(seriesDelay.toMillis(), id -> reply.run());
    } else {
      reply.run();
    }
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : started) {
      closeable.close();
    }
    Futures.await(vertx.close());
  }

  // The serving assembly.

  @Test
  void anAdapterStartedInProcessServesAndCloseReleasesItsPortAndThreads() throws Exception {
    long vertxBefore = vertxInstances();
    Adapter adapter = Adapter.start(serveOptions(0, prometheusOptions()));
    assertEquals(vertxBefore + 1, vertxInstances());
    int port = adapter.port();
    await().atMost(Duration.ofSeconds(20)).until(() -> get(port, "/readyz").statusCode() == 200);
    HttpResponse<String> metric = get(port, METRIC_PATH);
    assertEquals(200, metric.statusCode(), metric.body());
    assertTrue(metric.body().contains("\"name\":\"demo-1\""), metric.body());
    assertTrue(metric.body().contains("\"value\":\"5\""), metric.body());

    adapter.close();
    assertThrows(ConnectException.class, () -> get(port, "/readyz"));
    await().atMost(Duration.ofSeconds(10)).until(() -> vertxInstances() == vertxBefore);
  }

  @Test
  void aStartThatFailsLateClosesWhatItHadBuilt() throws IOException {
    long vertxBefore = vertxInstances();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      IllegalStateException failure =
          assertThrows(
              IllegalStateException.class,
              () -> Adapter.start(serveOptions(taken.getLocalPort(), prometheusOptions())));
      assertTrue(failure.getMessage().contains("in use"), failure.getMessage());
    }
    // The Vert.x instance, the Prometheus clients and discovery were built before the listen.
    await().atMost(Duration.ofSeconds(10)).until(() -> vertxInstances() == vertxBefore);
  }

  @Test
  void serveListsSeriesUnderTheDiscoveryDeadlineWithTheTokenOverTls() throws Exception {
    seriesDelay = Duration.ofSeconds(3);
    StringWriter err = new StringWriter();
    int exit =
        commandLine(err)
            .execute(
                "--config=" + rules,
                "--prometheus-url=" + prometheus.url(""),
                "--prometheus-ca-file=" + caFile,
                "--prometheus-token-file=" + tokenFile,
                "--discovery-timeout=300ms",
                "--kubeconfig=none",
                "--bind-address=127.0.0.1",
                "--secure-port=" + freePort(),
                "--cert-dir=" + dir.resolve("certs"));
    assertEquals(0, exit, err.toString());
    Adapter adapter = (Adapter) started.get(0);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                get(adapter.port(), "/readyz?verbose")
                    .body()
                    .contains("did not answer within 300ms"));
    assertTrue(prometheus.requests().stream().anyMatch(r -> r.path().endsWith("/series")));
  }

  // The one-shot assemblies.

  @Test
  void checkDryRunsWithTheTokenOverTlsAndListsUnderTheDiscoveryDeadline() {
    StringWriter err = new StringWriter();
    assertEquals(0, commandLine(err).execute(oneShot("check")), err.toString());
    assertTrue(prometheus.requests().stream().anyMatch(r -> r.path().endsWith("/query")));

    seriesDelay = Duration.ofSeconds(3);
    err.getBuffer().setLength(0);
    assertEquals(
        3, commandLine(err).execute(oneShot("check", "--discovery-timeout=300ms")), err.toString());
    assertTrue(err.toString().contains("did not answer within 300ms"), err.toString());
  }

  @Test
  void explainQueriesWithTheTokenOverTlsAndListsUnderTheDiscoveryDeadline() {
    StringWriter err = new StringWriter();
    String[] explain = oneShot("explain", METRIC_PATH);
    assertEquals(0, commandLine(err).execute(explain), err.toString());

    seriesDelay = Duration.ofSeconds(3);
    err.getBuffer().setLength(0);
    assertEquals(
        3,
        commandLine(err).execute(oneShot("explain", METRIC_PATH, "--discovery-timeout=300ms")),
        err.toString());
  }

  private String[] oneShot(String command, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--config=" + rules,
                "--prometheus-url=" + prometheus.url(""),
                "--prometheus-ca-file=" + caFile,
                "--prometheus-token-file=" + tokenFile));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** The real command line, serving in-process (the adapter is closed after the test). */
  private picocli.CommandLine commandLine(StringWriter err) {
    return ServeCommand.commandLine(
            options -> {
              started.add(Adapter.start(options));
              return 0;
            },
            CheckDryRun::open,
            new OneShotExplainer())
        .setOut(new PrintWriter(new StringWriter(), true))
        .setErr(new PrintWriter(err, true));
  }

  private PrometheusClientOptions prometheusOptions() {
    return PrometheusClientOptions.of(prometheus.url(""))
        .withCaFile(caFile)
        .withTokenFile(tokenFile);
  }

  private ServeOptions serveOptions(int port, PrometheusClientOptions prometheusOptions) {
    return new ServeOptions(
        rules,
        prometheusOptions,
        QueryPathOptions.DEFAULTS,
        new DiscoveryOptions(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(10)),
        new ServerOptions(
            port,
            "127.0.0.1",
            dir.resolve("certs"),
            Optional.empty(),
            Optional.empty(),
            new TlsSettings("VersionTLS12", List.of(), true, 250, TlsEngine.JDK)),
        Optional.of("none"),
        new AuthOptions(
            Optional.empty(),
            AuthenticationSettings.NONE,
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            List.of()),
        new LoggingOptions("text", "info"));
  }

  private static HttpResponse<String> get(int port, String path)
      throws IOException, InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(TrustAllCertificates.context("TLS"))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every Vert.x instance runs exactly one blocked-thread checker. */
  private static long vertxInstances() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("vertx-blocked-thread-checker"))
        .count();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
