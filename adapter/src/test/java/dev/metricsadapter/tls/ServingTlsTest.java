package dev.metricsadapter.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.metricsadapter.api.SlowClientGuard;
import dev.metricsadapter.testing.TrustAllCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS port as clients see it: versions, suites, ALPN, rotation, slow clients. */
class ServingTlsTest {

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private HttpServer serve(ServingCertificate certificate, TlsSettings tls, Duration firstRequest)
      throws Exception {
    SlowClientGuard guard = new SlowClientGuard(vertx, firstRequest);
    return vertx
        .createHttpServer(ServingOptions.httpServer(certificate, tls, firstRequest))
        .connectionHandler(guard.connections())
        .requestHandler(guard.requests(request -> request.response().end("ok")))
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private static SSLSocket connect(int port, String protocol, String suite, String alpn)
      throws Exception {
    SSLSocket socket =
        (SSLSocket)
            TrustAllCertificates.context("TLS").getSocketFactory().createSocket("127.0.0.1", port);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setProtocols(new String[] {protocol});
    if (suite != null) {
      parameters.setCipherSuites(new String[] {suite});
    }
    if (alpn != null) {
      parameters.setApplicationProtocols(new String[] {alpn, "http/1.1"});
    }
    socket.setSSLParameters(parameters);
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    return socket;
  }

  @Test
  void acceptsModernTlsOnlyAndNegotiatesHttp2() throws Exception {
    ServingCertificate certificate = ServingCertificate.selfSigned(dir, Clock.systemUTC());
    int port = serve(certificate, TlsSettings.DEFAULTS, Duration.ofSeconds(10)).actualPort();

    try (SSLSocket tls13 = connect(port, "TLSv1.3", null, "h2")) {
      assertEquals("h2", tls13.getApplicationProtocol());
    }
    try (SSLSocket tls12 =
        connect(port, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", null)) {
      assertEquals("TLSv1.2", tls12.getSession().getProtocol());
    }
    assertThrows(
        IOException.class,
        () -> connect(port, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", null));
    assertThrows(IOException.class, () -> connect(port, "TLSv1.1", null, null));
  }

  @Test
  void minimumVersionAndDisabledHttp2AreHonoured() throws Exception {
    ServingCertificate certificate = ServingCertificate.selfSigned(dir, Clock.systemUTC());
    int port =
        serve(
                certificate,
                new TlsSettings("VersionTLS13", List.of(), false, 100),
                Duration.ofSeconds(10))
            .actualPort();
    assertThrows(SSLHandshakeException.class, () -> connect(port, "TLSv1.2", null, null));
    try (SSLSocket socket = connect(port, "TLSv1.3", null, "h2")) {
      assertNotEquals("h2", socket.getApplicationProtocol());
    }
  }

  @Test
  void aRotatedCertificateIsServedWithoutRestart() throws Exception {
    Instant now = Instant.now();
    ServingCertificate certificate =
        ServingCertificate.selfSigned(dir, Clock.fixed(now, ZoneOffset.UTC));
    HttpServer server = serve(certificate, TlsSettings.DEFAULTS, Duration.ofSeconds(10));
    CertificateReloader reloader =
        new CertificateReloader(vertx, server, certificate, TlsSettings.DEFAULTS);
    reloader.start(Duration.ofMillis(100));
    X509Certificate before = served(server.actualPort());

    Path next = Files.createDirectories(dir.resolve("next"));
    ServingCertificate rotated =
        ServingCertificate.selfSigned(next, Clock.fixed(now.plusSeconds(5), ZoneOffset.UTC));
    Files.move(rotated.keyFile(), certificate.keyFile(), StandardCopyOption.REPLACE_EXISTING);
    Files.move(
        rotated.certificateFile(),
        certificate.certificateFile(),
        StandardCopyOption.REPLACE_EXISTING);

    // A handshake that races the swap itself can fail once (Vert.x rebuilds its SSL context).
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptionsInstanceOf(SSLHandshakeException.class)
        .until(
            () -> !served(server.actualPort()).getSerialNumber().equals(before.getSerialNumber()));
    X509Certificate after = served(server.actualPort());
    for (int i = 0; i < 20; i++) {
      assertEquals(after.getSerialNumber(), served(server.actualPort()).getSerialNumber());
    }
    reloader.stop();
  }

  private static X509Certificate served(int port) throws Exception {
    try (SSLSocket socket = connect(port, "TLSv1.3", null, null)) {
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  @Test
  void aClientThatNeverCompletesItsRequestIsDisconnected() throws Exception {
    ServingCertificate certificate = ServingCertificate.selfSigned(dir, Clock.systemUTC());
    int port = serve(certificate, TlsSettings.DEFAULTS, Duration.ofMillis(500)).actualPort();
    try (SSLSocket socket = connect(port, "TLSv1.3", null, null)) {
      socket
          .getOutputStream()
          .write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      assertEquals(-1, in.read(), "the server should close the connection");
    }
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      plain.setSoTimeout(10_000);
      assertEquals(-1, plain.getInputStream().read(), "an idle TCP connection is closed too");
    }
  }
}
