package dev.metricsadapter.tls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the serving certificate when its files change (cert-manager rotations, mounted Secret
 * updates) and swaps it into the running server: new connections get the new certificate,
 * established ones keep theirs. The files are checked on a worker thread every period; a file that
 * is missing or unreadable mid-rotation keeps the previous certificate and is retried.
 */
public final class CertificateReloader {

  private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

  private final Vertx vertx;
  private final HttpServer server;
  private final ServingCertificate certificate;
  private final TlsSettings tls;
  private volatile String fingerprint;
  private long timer = -1;

  public CertificateReloader(
      Vertx vertx, HttpServer server, ServingCertificate certificate, TlsSettings tls) {
    this.vertx = vertx;
    this.server = server;
    this.certificate = certificate;
    this.tls = tls;
    this.fingerprint =
        ServingOptions.fingerprint(certificate.certificateFile(), certificate.keyFile());
  }

  /** Checks every {@code period} until {@link #stop()}. */
  public void start(Duration period) {
    timer = vertx.setPeriodic(period.toMillis(), id -> check());
  }

  /** Stops checking. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void check() {
    vertx
        .executeBlocking(
            () -> {
              String now =
                  ServingOptions.fingerprint(certificate.certificateFile(), certificate.keyFile());
              if (now.equals(fingerprint) || now.contains("missing")) {
                return null;
              }
              ServingCertificate.Pem pem = certificate.read();
              fingerprint = now;
              return ServingOptions.ssl(pem, tls);
            },
            false)
        .compose(
            options ->
                options == null
                    ? Future.succeededFuture(false)
                    : server.updateSSLOptions(options, true))
        .onSuccess(
            updated -> {
              if (updated) {
                LOG.info("serving certificate reloaded from {}", certificate.certificateFile());
              }
            })
        .onFailure(
            failure -> {
              fingerprint = "retry";
              LOG.warn("cannot reload the serving certificate: {}", failure.getMessage());
            });
  }
}
