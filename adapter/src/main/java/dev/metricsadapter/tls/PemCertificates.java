package dev.metricsadapter.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** Parses PEM certificate bundles: serving chains and the CAs of client authentication. */
public final class PemCertificates {

  private PemCertificates() {}

  /**
   * The certificates in a PEM bundle, in their order.
   *
   * @param source names the bundle in error messages (a file, a ConfigMap key)
   * @throws IllegalArgumentException if the text holds no certificate or a malformed one
   */
  public static List<X509Certificate> parse(String pem, String source) {
    try {
      List<X509Certificate> certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
              .stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(source + " holds no certificate");
      }
      return certificates;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          source + " is not a PEM certificate bundle: " + e.getMessage(), e);
    }
  }
}
