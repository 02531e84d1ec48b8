package dev.metricsadapter.prometheus;

import static dev.metricsadapter.testing.Futures.await;
import static dev.metricsadapter.testing.Futures.failure;
import static dev.metricsadapter.testing.TestCertificates.dns;
import static dev.metricsadapter.testing.TestCertificates.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.failure.AdapterException.Kind;
import dev.metricsadapter.testing.FakePrometheus;
import dev.metricsadapter.testing.TestCertificates;
import dev.metricsadapter.testing.TestCertificates.Issued;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a test CA, hostname verification and client certificates. */
@ExtendWith(VertxExtension.class)
class WebClientPrometheusClientTlsTest {

  private static final Instant TIME = Instant.ofEpochSecond(1712345678);

  private static Issued ca;
  private static Issued otherCa;

  @TempDir Path dir;
  private Vertx vertx;
  @RegisterExtension final OpenedClients clients = new OpenedClients();

  @BeforeAll
  static void createAuthorities() {
    ca = TestCertificates.authority("test-ca");
    otherCa = TestCertificates.authority("other-ca");
  }

  @BeforeEach
  void keepVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  private FakePrometheus httpsPrometheus(Issued serverCert, boolean requireClientCert) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setSsl(true)
            .setKeyCertOptions(
                new PemKeyCertOptions()
                    .setCertValue(Buffer.buffer(serverCert.certificatePem()))
                    .setKeyValue(Buffer.buffer(serverCert.keyPem())));
    if (requireClientCert) {
      options
          .setClientAuth(ClientAuth.REQUIRED)
          .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(ca.certificatePem())));
    }
    return FakePrometheus.start(vertx, options)
        .respond(200, WebClientPrometheusClientTest.VECTOR_ANSWER);
  }

  private WebClientPrometheusClient client(PrometheusClientOptions options) {
    return clients.open(new WebClientPrometheusClient(vertx, options));
  }

  private Path caFile(Issued authority) {
    return authority.writeCertificate(
        dir.resolve(authority.certificate().getSerialNumber() + "-ca.pem"));
  }

  /** A serving certificate from the test CA for "prometheus" at 127.0.0.1. */
  private static Issued loopbackCertificate() {
    return TestCertificates.leaf(ca, "prometheus", ip("127.0.0.1"));
  }

  /** Options for {@code url} that trust only {@code authority}. */
  private PrometheusClientOptions trusting(Issued authority, URI url) {
    return PrometheusClientOptions.of(url).withCaFile(caFile(authority));
  }

  @Test
  void trustsTheConfiguredCa() {
    FakePrometheus prometheus = httpsPrometheus(loopbackCertificate(), false);

    QueryResult result =
        await(client(trusting(ca, prometheus.url("/prometheus"))).query("up", TIME));

    assertEquals(QueryResult.Type.VECTOR, result.type());
    assertEquals("/prometheus/api/v1/query", prometheus.last().path());
  }

  @Test
  void anUntrustedCertificateIsUnavailable() {
    FakePrometheus prometheus = httpsPrometheus(loopbackCertificate(), false);

    PrometheusException failure =
        prometheusFailure(client(trusting(otherCa, prometheus.url(""))).query("up", TIME));

    assertEquals(Kind.UNAVAILABLE, failure.kind());
    assertTrue(failure.getMessage().contains("unreachable"), failure.getMessage());
    assertEquals(List.of(), prometheus.requests());
  }

  @Test
  void theHostnameIsVerified() {
    FakePrometheus prometheus =
        httpsPrometheus(TestCertificates.leaf(ca, "127.0.0.1", dns("prometheus.example")), false);

    PrometheusException failure =
        prometheusFailure(client(trusting(ca, prometheus.url(""))).series("up", TIME, s -> {}));

    assertEquals(Kind.UNAVAILABLE, failure.kind());
    assertEquals(List.of(), prometheus.requests());
  }

  @Test
  void presentsTheClientCertificate() {
    FakePrometheus prometheus = httpsPrometheus(loopbackCertificate(), true);
    Issued clientCert = TestCertificates.leaf(ca, "metrics-adapter");
    PrometheusClientOptions options = trusting(ca, prometheus.url(""));

    await(
        client(
                options.withClientCertificate(
                    clientCert.writeCertificate(dir.resolve("client.pem")),
                    clientCert.writeKey(dir.resolve("client-key.pem"))))
            .query("up", TIME));
    PrometheusException without = prometheusFailure(client(options).query("up", TIME));

    assertEquals(1, prometheus.requests().size());
    assertEquals(Kind.UNAVAILABLE, without.kind());
  }

  @Test
  void unreadableTlsFilesFailAtConstruction() {
    PrometheusClientOptions options =
        PrometheusClientOptions.of(URI.create("https://127.0.0.1:1"))
            .withCaFile(dir.resolve("missing.pem"));

    assertThrows(
        IllegalArgumentException.class, () -> new WebClientPrometheusClient(vertx, options));
  }

  private static PrometheusException prometheusFailure(Future<?> future) {
    return failure(future, PrometheusException.class);
  }
}
