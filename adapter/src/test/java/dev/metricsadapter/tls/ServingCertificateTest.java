package dev.metricsadapter.tls;

import static dev.metricsadapter.testing.Futures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingCertificateTest {

  @TempDir Path dir;

  @Test
  void generatedCertificateServesTlsThatAClientTrustingItAccepts() throws Exception {
    ServingCertificate certificate = ServingCertificate.selfSigned(dir, Clock.systemUTC());
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(certificate.keyFile()));
    assertTrue(Files.readString(certificate.keyFile()).startsWith("-----BEGIN PRIVATE KEY-----"));
    Vertx vertx = Vertx.vertx();
    try {
      HttpServer server =
          await(
              vertx
                  .createHttpServer(
                      new HttpServerOptions()
                          .setSsl(true)
                          .setKeyCertOptions(
                              new PemKeyCertOptions()
                                  .setCertPath(certificate.certificateFile().toString())
                                  .setKeyPath(certificate.keyFile().toString())))
                  .requestHandler(request -> request.response().end("ok"))
                  .listen(0, "127.0.0.1"));
      WebClient client =
          WebClient.create(
              vertx,
              new WebClientOptions()
                  .setSsl(true)
                  .setVerifyHost(true)
                  .setTrustOptions(
                      new PemTrustOptions().addCertPath(certificate.certificateFile().toString())));
      String body = await(client.get(server.actualPort(), "localhost", "/").send()).bodyAsString();
      assertEquals("ok", body);
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void reusesAValidCertificateAndRenewsOneAboutToExpire() throws Exception {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    ServingCertificate first = ServingCertificate.selfSigned(dir, Clock.fixed(now, ZoneOffset.UTC));
    String original = Files.readString(first.certificateFile());

    ServingCertificate.selfSigned(dir, Clock.fixed(now.plus(Duration.ofDays(30)), ZoneOffset.UTC));
    assertEquals(original, Files.readString(first.certificateFile()));

    ServingCertificate.selfSigned(dir, Clock.fixed(now.plus(Duration.ofDays(364)), ZoneOffset.UTC));
    assertNotEquals(original, Files.readString(first.certificateFile()));
  }

  @Test
  void rejectsAFileThatIsNotACertificate() throws Exception {
    Path bogus = Files.writeString(dir.resolve("cert.pem"), "not a certificate");
    assertThrows(
        IllegalArgumentException.class,
        () -> new ServingCertificate(bogus, bogus).requireReadable());
  }
}
