package dev.metricsadapter.tls;

import static dev.metricsadapter.testing.Futures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.server.SlowClientGuard;
import dev.metricsadapter.testing.TestCertificates;
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
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The HTTPS port as clients see it: versions, suites, ALPN, rotation, slow clients; each with the
 * JDK's TLS and with OpenSSL.
 */
class ServingTlsTest {

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  private HttpServer serve(ServingCertificate certificate, TlsSettings tls, Duration firstRequest)
      throws Exception {
    return serve(new RotatingKeyManager(certificate.read()), tls, firstRequest);
  }

  private HttpServer serve(RotatingKeyManager keys, TlsSettings tls, Duration firstRequest)
      throws Exception {
    SlowClientGuard guard = new SlowClientGuard(vertx, firstRequest);
    return await(
        vertx
            .createHttpServer(ServingOptions.httpServer(keys, tls, firstRequest))
            .connectionHandler(guard.connections())
            .requestHandler(
                guard.requests(
                    request ->
                        request
                            .response()
                            .end(request.connection().sslSession().getClass().getName())))
            .listen(0, "127.0.0.1"));
  }

  /**
   * A client certificate whose key usage does not allow signing (a CA certificate: certSign and
   * cRLSign only) must reach the authenticator, which answers 401 as kube-apiserver does, or lets
   * the request through anonymously on an always-allowed path.
   */
  @ParameterizedTest
  @CsvSource({"EC, TLSv1.3", "EC, TLSv1.2", "RSA, TLSv1.3", "RSA, TLSv1.2"})
  void theJdkEngineHandsACaCertificateToTheAuthenticator(String algorithm, String protocol)
      throws Exception {
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    int port = serveRequestingClientCertificates(TlsEngine.JDK, failures);
    TestCertificates.Issued ca = TestCertificates.authority("client-ca", algorithm);
    assertEquals("1 CN=client-ca", request(port, protocol, ca), failures.toString());
  }

  /**
   * BoringSSL refuses such a certificate in the handshake ({@code KEY_USAGE_BIT_INCORRECT}), before
   * any HTTP: the server reports the failure to its exception handler, where the adapter logs it.
   */
  @Test
  void boringSslRefusesACaCertificateInTheHandshakeAndSaysWhy() throws Exception {
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    int port = serveRequestingClientCertificates(TlsEngine.OPENSSL, failures);
    TestCertificates.Issued ca = TestCertificates.authority("client-ca", "EC");
    assertThrows(IOException.class, () -> request(port, "TLSv1.3", ca));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                failures.stream()
                    .anyMatch(
                        f -> String.valueOf(f.getMessage()).contains("KEY_USAGE_BIT_INCORRECT")));
  }

  private int serveRequestingClientCertificates(TlsEngine engine, List<Throwable> failures)
      throws Exception {
    ServingCertificate certificate = ServingCertificate.selfSigned(dir, Clock.systemUTC());
    return await(
            vertx
                .createHttpServer(
                    ServingOptions.httpServer(
                        new RotatingKeyManager(certificate.read()),
                        defaults(engine),
                        Duration.ofSeconds(10),
                        true))
                .exceptionHandler(failures::add)
                .requestHandler(request -> request.response().end(peer(request)))
                .listen(0, "127.0.0.1"))
        .actualPort();
  }

  /** One request presenting {@code identity} as the client certificate; the answer's body. */
  private static String request(int port, String protocol, TestCertificates.Issued identity)
      throws Exception {
    java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "client",
        identity.keys().getPrivate(),
        new char[0],
        new java.security.cert.Certificate[] {identity.certificate()});
    // SunX509 presents the certificate whatever its key usage says.
    javax.net.ssl.KeyManagerFactory factory =
        javax.net.ssl.KeyManagerFactory.getInstance("SunX509");
    factory.init(keys, new char[0]);
    try (SSLSocket socket =
        (SSLSocket)
            TrustAllCertificates.context("TLS", factory.getKeyManagers())
                .getSocketFactory()
                .createSocket("127.0.0.1", port)) {
      socket.setEnabledProtocols(new String[] {protocol});
      socket.setSoTimeout(10_000);
      return get(socket);
    }
  }

  /** {@code GET /} over {@code socket}; asserts a 200 and returns its body. */
  private static String get(SSLSocket socket) throws IOException {
    socket
        .getOutputStream()
        .write(
            "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    return answer.substring(answer.indexOf("\r\n\r\n") + 4);
  }

  /** How many certificates the client sent, and the first one's subject. */
  private static String peer(io.vertx.core.http.HttpServerRequest request) {
    try {
      List<java.security.cert.Certificate> chain = request.connection().peerCertificates();
      return chain.size()
          + " "
          + ((X509Certificate) chain.get(0)).getSubjectX500Principal().getName();
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      return "none: " + e.getMessage();
    }
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

  private static TlsSettings defaults(TlsEngine engine) {
    return new TlsSettings("VersionTLS12", List.of(), true, 250, engine);
  }

  @Test
  void theDefaultEngineIsOpenSslWhereItsLibraryLoads() {
    assertEquals(TlsEngine.AUTO, TlsSettings.DEFAULTS.engine());
    assertTrue(
        TlsEngine.AUTO.usesOpenSsl(),
        "the bundled BoringSSL should load on "
            + System.getProperty("os.name")
            + "/"
            + System.getProperty("os.arch")
            + ": "
            + TlsEngine.AUTO.describe());
  }

  @ParameterizedTest
  @EnumSource(names = {"JDK", "OPENSSL"})
  void servesWithTheChosenEngine(TlsEngine engine) throws Exception {
    ServingCertificate certificate = ServingCertificate.selfSigned(dir, Clock.systemUTC());
    int port = serve(certificate, defaults(engine), Duration.ofSeconds(10)).actualPort();
    try (SSLSocket socket = connect(port, "TLSv1.3", null, null)) {
      String session = get(socket);
      assertEquals(engine == TlsEngine.OPENSSL, session.contains("OpenSsl"), session);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"JDK", "OPENSSL"})
  void acceptsModernTlsOnlyAndNegotiatesHttp2(TlsEngine engine) throws Exception {
    ServingCertificate certificate = ServingCertificate.selfSigned(dir, Clock.systemUTC());
    int port = serve(certificate, defaults(engine), Duration.ofSeconds(10)).actualPort();

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

  @ParameterizedTest
  @EnumSource(names = {"JDK", "OPENSSL"})
  void minimumVersionAndDisabledHttp2AreHonoured(TlsEngine engine) throws Exception {
    ServingCertificate certificate = ServingCertificate.selfSigned(dir, Clock.systemUTC());
    int port =
        serve(
                certificate,
                new TlsSettings("VersionTLS13", List.of(), false, 100, engine),
                Duration.ofSeconds(10))
            .actualPort();
    assertThrows(SSLHandshakeException.class, () -> connect(port, "TLSv1.2", null, null));
    try (SSLSocket socket = connect(port, "TLSv1.3", null, "h2")) {
      assertNotEquals("h2", socket.getApplicationProtocol());
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"JDK", "OPENSSL"})
  void aRotatedCertificateIsServedWithoutRestart(TlsEngine engine) throws Exception {
    Instant now = Instant.now();
    ServingCertificate certificate =
        ServingCertificate.selfSigned(dir, Clock.fixed(now, ZoneOffset.UTC));
    RotatingKeyManager keys = new RotatingKeyManager(certificate.read());
    HttpServer server = serve(keys, defaults(engine), Duration.ofSeconds(10));
    CertificateReloader reloader = new CertificateReloader(vertx, keys, certificate);
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

    // Handshakes go on while the reloader swaps the certificate: none of them may fail.
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> !served(server.actualPort()).getSerialNumber().equals(before.getSerialNumber()));
    X509Certificate after = served(server.actualPort());
    for (int i = 0; i < 20; i++) {
      assertEquals(after.getSerialNumber(), served(server.actualPort()).getSerialNumber());
    }
    reloader.stop();
  }

  @ParameterizedTest
  @EnumSource(names = {"JDK", "OPENSSL"})
  void everyHandshakeAfterASwapGetsTheNewCertificate(TlsEngine engine) throws Exception {
    // Leaf certificates: BoringSSL refuses an EC certificate whose key usage lacks
    // digitalSignature, as a CA certificate's does.
    TestCertificates.Issued ca = TestCertificates.authority("serving-ca");
    List<ServingCertificate.KeyMaterial> certificates = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      certificates.add(material(TestCertificates.leaf(ca, "server-" + i)));
    }
    RotatingKeyManager keys = new RotatingKeyManager(certificates.get(0));
    int port = serve(keys, defaults(engine), Duration.ofSeconds(10)).actualPort();
    for (int round = 0; round < 30; round++) {
      ServingCertificate.KeyMaterial next = certificates.get(round % certificates.size());
      keys.serve(next);
      assertEquals(next.chain().get(0), served(port), "round " + round);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"JDK", "OPENSSL"})
  void servesAnRsaCertificate(TlsEngine engine) throws Exception {
    TestCertificates.Issued rsa = TestCertificates.authority("rsa-server", "RSA");
    int port =
        serve(new RotatingKeyManager(material(rsa)), defaults(engine), Duration.ofSeconds(10))
            .actualPort();
    assertEquals(rsa.certificate(), served(port));
    try (SSLSocket tls12 =
        connect(port, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", null)) {
      assertEquals(rsa.certificate(), tls12.getSession().getPeerCertificates()[0]);
    }
  }

  private static ServingCertificate.KeyMaterial material(TestCertificates.Issued issued) {
    return new ServingCertificate.KeyMaterial(
        List.of(issued.certificate()), issued.keys().getPrivate());
  }

  private static X509Certificate served(int port) throws Exception {
    try (SSLSocket socket = connect(port, "TLSv1.3", null, null)) {
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"JDK", "OPENSSL"})
  void aClientThatNeverCompletesItsRequestIsDisconnected(TlsEngine engine) throws Exception {
    ServingCertificate certificate = ServingCertificate.selfSigned(dir, Clock.systemUTC());
    int port = serve(certificate, defaults(engine), Duration.ofMillis(500)).actualPort();
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
