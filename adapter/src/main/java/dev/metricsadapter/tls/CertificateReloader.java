package dev.metricsadapter.tls;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the serving certificate when its files change (cert-manager rotations, mounted Secret
 * updates) and hands it to the server's {@link RotatingKeyManager}: new connections get the new
 * certificate, established ones keep theirs, and no connection is refused during the swap. The
 * files are checked on a worker thread every period; a file that is missing or unreadable
 * mid-rotation keeps the previous certificate and is retried.
 */
public final class CertificateReloader {

  private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

  private final Vertx vertx;
  private final RotatingKeyManager keys;
  private final ServingCertificate certificate;
  private volatile String fingerprint;
  private long timer = -1;

  /**
   * @param keys the key manager the server serves from, already holding {@code certificate}'s
   *     current contents
   */
  public CertificateReloader(Vertx vertx, RotatingKeyManager keys, ServingCertificate certificate) {
    this.vertx = vertx;
    this.keys = keys;
    this.certificate = certificate;
    this.fingerprint = fingerprint(certificate.certificateFile(), certificate.keyFile());
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
              String now = fingerprint(certificate.certificateFile(), certificate.keyFile());
              if (now.equals(fingerprint) || now.contains("missing")) {
                return false;
              }
              ServingCertificate.KeyMaterial material = certificate.read();
              fingerprint = now;
              keys.serve(material);
              return true;
            },
            false)
        .onSuccess(
            reloaded -> {
              if (reloaded) {
                LOG.info("serving certificate reloaded from {}", certificate.certificateFile());
              }
            })
        .onFailure(
            failure -> {
              fingerprint = "retry";
              LOG.warn("cannot reload the serving certificate: {}", failure.getMessage());
            });
  }

  /** The certificate and key files' last-modified times and sizes, to notice a rotation. */
  private static String fingerprint(Path... files) {
    StringBuilder out = new StringBuilder();
    for (Path file : files) {
      try {
        out.append(Files.getLastModifiedTime(file))
            .append('/')
            .append(Files.size(file))
            .append(';');
      } catch (IOException e) {
        out.append("missing;");
      }
    }
    return out.toString();
  }
}
