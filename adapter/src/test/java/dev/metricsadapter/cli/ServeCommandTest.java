package dev.metricsadapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.app.CheckDryRun;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.rules.GoDuration;
import dev.metricsadapter.testing.TestCertificates;
import dev.metricsadapter.tls.TlsEngine;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServeCommandTest {

  @TempDir Path dir;
  private Path rules;
  private final List<ServeOptions> started = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void rules() throws IOException {
    rules = Files.writeString(dir.resolve("rules.yaml"), "rules: []\n");
  }

  private int run(String... args) {
    return ServeCommand.commandLine(
            options -> {
              started.add(options);
              return 0;
            },
            CheckDryRun::open,
            request -> new JsonObject())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void defaultsFollowPrometheusAdapter() {
    assertEquals(0, run("--config=" + rules));
    ServeOptions options = started.get(0);
    assertEquals(URI.create("http://localhost:9090"), options.prometheus().baseUrl());
    assertEquals(Duration.ofMinutes(1), options.discovery().relistInterval());
    assertEquals(Duration.ofMinutes(1), options.discovery().maxAge());
    assertEquals(Duration.ofSeconds(10), options.prometheus().timeout());
    assertEquals(PrometheusClientOptions.Verb.GET, options.prometheus().verb());
    assertEquals(6443, options.server().securePort());
    assertEquals("0.0.0.0", options.server().bindAddress());
    assertEquals(Optional.empty(), options.kubeconfig());
    assertEquals(Optional.empty(), options.auth().mode());
    assertEquals(List.of("/healthz", "/readyz", "/livez"), options.auth().alwaysAllowPaths());
    assertEquals(TlsEngine.AUTO, options.server().tls().engine());
    assertEquals(options.discovery().relistInterval(), options.discovery().timeout());
  }

  @Test
  void acceptsBothFlagFormsRepeatedHeadersAndGoDurations() throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "secret");
    assertEquals(
        0,
        run(
            "--config",
            rules.toString(),
            "--prometheus-url=https://mimir.example/prometheus?x=1",
            "--prometheus-header=X-Scope-OrgID=team-a",
            "--prometheus-header",
            "X-Extra=a=b",
            "--prometheus-verb=post",
            "--prometheus-token-file=" + token,
            "--metrics-relist-interval=30s",
            "--metrics-max-age",
            "1h30m",
            "--prometheus-timeout=500ms",
            "--discovery-timeout=2m",
            "--secure-port=8443",
            "--tls-engine=JDK",
            "--kubeconfig=none"));
    ServeOptions options = started.get(0);
    assertEquals(
        URI.create("https://mimir.example/prometheus?x=1"), options.prometheus().baseUrl());
    assertEquals(
        List.of(Map.entry("X-Scope-OrgID", "team-a"), Map.entry("X-Extra", "a=b")),
        options.prometheus().headers());
    assertEquals(PrometheusClientOptions.Verb.POST, options.prometheus().verb());
    assertEquals(Optional.of(token), options.prometheus().tokenFile());
    assertEquals(Duration.ofSeconds(30), options.discovery().relistInterval());
    assertEquals(Duration.ofMinutes(90), options.discovery().maxAge());
    assertEquals(Duration.ofMillis(500), options.prometheus().timeout());
    assertEquals(Duration.ofMinutes(2), options.discovery().timeout());
    assertEquals(8443, options.server().securePort());
    assertEquals(Optional.of("none"), options.kubeconfig());
    assertEquals(TlsEngine.JDK, options.server().tls().engine());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "unknown_flag # --bogus=1 # metrics-adapter: Unknown option: '--bogus=1'",
        "bad_duration # --metrics-relist-interval=5 minutes # metrics-adapter: Invalid value for option '--metrics-relist-interval': invalid duration \"5 minutes\" (expected e.g. 500ms, 30s, 1m or 1h30m)",
        "max_age_below_relist # --metrics-max-age=30s # metrics-adapter: --metrics-max-age (30s) must not be less than --metrics-relist-interval (1m0s)",
        "bad_verb # --prometheus-verb=PUT # metrics-adapter: --prometheus-verb must be GET or POST, not \"PUT\"",
        "bad_header # --prometheus-header=novalue # metrics-adapter: --prometheus-header must be KEY=VALUE, not \"novalue\"",
        "bad_url # --prometheus-url=localhost:9090 # metrics-adapter: --prometheus-url must be an http:// or https:// URL with a host, not \"localhost:9090\"",
        "missing_token_file # --prometheus-token-file=/nonexistent/token # metrics-adapter: --prometheus-token-file: /nonexistent/token is not a readable file",
        "missing_kubeconfig # --kubeconfig=/nonexistent/kubeconfig # metrics-adapter: --kubeconfig: /nonexistent/kubeconfig is not a readable file",
        "cert_without_key # --tls-cert-file=/etc/hostname # metrics-adapter: --tls-cert-file and --tls-private-key-file must be given together",
        "bad_port # --secure-port=70000 # metrics-adapter: --secure-port must be between 1 and 65535, not 70000",
        "zero_discovery_timeout # --discovery-timeout=0s # metrics-adapter: --discovery-timeout must be greater than zero",
        "bad_cipher_suite # --tls-cipher-suites=TLS_BOGUS_SUITE # metrics-adapter: --tls-cipher-suites: cipher suites that TLS by OpenSSL (BoringSSL) does not support: TLS_BOGUS_SUITE (IANA names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)",
        "bad_tls_engine # --tls-engine=gnutls # metrics-adapter: --tls-engine: TLS engine must be auto, openssl or jdk, not \"gnutls\"",
        "bad_auth # --auth=basic # metrics-adapter: --auth must be delegated or none, not \"basic\"",
        "missing_client_ca # --client-ca-file=/nonexistent/ca.crt # metrics-adapter: --client-ca-file: /nonexistent/ca.crt is not a readable file",
      })
  void badFlagsExitTwoWithOneLineNamingTheFlag(String name, String flag, String expected) {
    assertEquals(2, run("--config=" + rules, flag));
    assertEquals(expected + "\n", err.toString());
    assertTrue(started.isEmpty());
  }

  @Test
  void everyBadFlagIsReportedTogetherOneLineEach() {
    assertEquals(
        2,
        run(
            "--config=" + rules,
            "--prometheus-verb=PUT",
            "--secure-port=0",
            "--log-format=xml",
            "--auth=basic"));
    assertEquals(
        List.of(
            "metrics-adapter: --prometheus-verb must be GET or POST, not \"PUT\"",
            "metrics-adapter: --secure-port must be between 1 and 65535, not 0",
            "metrics-adapter: --log-format must be text or json, not \"xml\"",
            "metrics-adapter: --auth must be delegated or none, not \"basic\""),
        err.toString().lines().toList());
    assertTrue(started.isEmpty());
  }

  @Test
  void tlsFilesAndTokensAreReadAtStartAndABadOneIsOneLineNamingTheFlagAndTheFile()
      throws IOException {
    Path notPem = Files.writeString(dir.resolve("ca.txt"), "this is not a certificate\n");
    Path empty = Files.writeString(dir.resolve("token"), " \n");
    TestCertificates.Issued ca = TestCertificates.authority("test-ca");
    TestCertificates.Issued leaf = TestCertificates.leaf(ca, "adapter");
    TestCertificates.Issued other = TestCertificates.leaf(ca, "other");
    Path cert = leaf.writeCertificate(dir.resolve("tls.crt"));
    Path key = leaf.writeKey(dir.resolve("tls.key"));
    Path otherKey = other.writeKey(dir.resolve("other.key"));
    Path caFile = ca.writeCertificate(dir.resolve("ca.crt"));
    record Case(List<String> flags, String expected) {}
    List<Case> cases =
        List.of(
            new Case(
                List.of("--prometheus-ca-file=" + notPem),
                "--prometheus-ca-file: " + notPem + " is not a PEM certificate bundle"),
            new Case(
                List.of("--client-ca-file=" + notPem),
                "--client-ca-file: " + notPem + " is not a PEM certificate bundle"),
            new Case(
                List.of("--requestheader-client-ca-file=" + key),
                "--requestheader-client-ca-file: " + key + " is not a PEM certificate bundle"),
            new Case(
                List.of("--prometheus-token-file=" + empty),
                "--prometheus-token-file: " + empty + " is empty"),
            new Case(
                List.of(
                    "--prometheus-client-tls-cert-file=" + notPem,
                    "--prometheus-client-tls-key-file=" + key),
                "--prometheus-client-tls-cert-file: "
                    + notPem
                    + " is not a PEM certificate bundle"),
            new Case(
                List.of("--tls-cert-file=" + cert, "--tls-private-key-file=" + otherKey),
                "--tls-cert-file: " + otherKey + " is not the key of " + cert),
            new Case(
                List.of("--prometheus-ca-file=" + dir),
                "--prometheus-ca-file: " + dir + " is not a readable file"));
    for (Case c : cases) {
      err.getBuffer().setLength(0);
      List<String> args = new ArrayList<>(List.of("--config=" + rules));
      args.addAll(c.flags());
      assertEquals(2, run(args.toArray(String[]::new)), c.flags().toString());
      assertTrue(err.toString().startsWith("metrics-adapter: " + c.expected()), c + ": " + err);
      assertEquals(1, err.toString().lines().count(), err.toString());
    }
    assertTrue(started.isEmpty());
    err.getBuffer().setLength(0);
    assertEquals(
        0,
        run(
            "--config=" + rules,
            "--prometheus-ca-file=" + caFile,
            "--client-ca-file=" + caFile,
            "--prometheus-client-tls-cert-file=" + cert,
            "--prometheus-client-tls-key-file=" + key,
            "--tls-cert-file=" + cert,
            "--tls-private-key-file=" + key),
        err.toString());
  }

  @Test
  void missingConfigPathIsNamed() {
    assertEquals(2, run("--config=" + dir.resolve("nope")));
    assertEquals(
        "metrics-adapter: --config: " + dir.resolve("nope") + " does not exist\n", err.toString());
  }

  @Test
  void helpListsEveryFlagWithItsDefault() {
    assertEquals(0, run("--help"));
    String help = out.toString();
    for (String flag :
        List.of(
            "--config",
            "--prometheus-url",
            "--prometheus-header",
            "--prometheus-verb",
            "--prometheus-token-file",
            "--prometheus-ca-file",
            "--prometheus-client-tls-cert-file",
            "--prometheus-client-tls-key-file",
            "--prometheus-timeout",
            "--discovery-timeout",
            "--metrics-relist-interval",
            "--metrics-max-age",
            "--secure-port",
            "--bind-address",
            "--cert-dir",
            "--tls-cert-file",
            "--tls-private-key-file",
            "--tls-engine",
            "--kubeconfig",
            "--auth")) {
      assertTrue(help.contains(flag), flag + " missing from:\n" + help);
    }
    assertTrue(help.contains("Default: http://localhost:9090"), help);
    assertTrue(help.contains("Default: 10s"), help);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, 0",
    "500ms, 500",
    "30s, 30000",
    "1m, 60000",
    "1h30m, 5400000",
    "1.5h, 5400000",
    "1m30.5s, 90500",
    "100us, 0",
    "2µs, 0"
  })
  void parsesGoDurations(String text, long millis) {
    assertEquals(millis, GoDuration.parse(text).toMillis());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"1m, 1m0s", "90s, 1m30s", "5400s, 1h30m0s", "0.5s, 500ms", "0s, 0s", "10s, 10s"})
  void formatsLikeGo(String text, String expected) {
    assertEquals(expected, GoDuration.format(GoDuration.parse(text)));
  }
}
