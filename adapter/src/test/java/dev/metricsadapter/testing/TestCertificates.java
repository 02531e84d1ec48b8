package dev.metricsadapter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test PKI made with BouncyCastle: a CA, and leaf certificates it signs, written as PEM files. */
public final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(1);

  /** A certificate and its key. */
  public record Issued(X509Certificate certificate, KeyPair keys) {

    public String certificatePem() {
      try {
        return pem("CERTIFICATE", certificate.getEncoded());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    public String keyPem() {
      return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    public Path writeCertificate(Path file) {
      return write(file, certificatePem());
    }

    public Path writeKey(Path file) {
      return write(file, keyPem());
    }
  }

  private TestCertificates() {}

  /** A self-signed CA named {@code name}, with an EC (P-256) key. */
  public static Issued authority(String name) {
    return authority(name, "EC");
  }

  /** A self-signed CA named {@code name}, with an {@code EC} (P-256) or {@code RSA} key. */
  public static Issued authority(String name, String keyAlgorithm) {
    KeyPair keys = keyPair(keyAlgorithm);
    X500Name subject = new X500Name("CN=" + name);
    X509v3CertificateBuilder builder = builder(subject, subject, keys);
    try {
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Issued(sign(builder, keys), keys);
  }

  /**
   * A leaf certificate signed by {@code ca}, valid for {@code names} (IP addresses or DNS names).
   */
  public static Issued leaf(Issued ca, String commonName, GeneralName... names) {
    return issue(ca, new X500Name("CN=" + commonName), names);
  }

  /**
   * A client certificate signed by {@code ca} for user {@code commonName} in {@code groups} (O).
   */
  public static Issued client(Issued ca, String commonName, String... groups) {
    StringBuilder subject = new StringBuilder("CN=" + commonName);
    for (String group : groups) {
      subject.append(",O=").append(group);
    }
    return issue(ca, new X500Name(subject.toString()));
  }

  private static Issued issue(Issued ca, X500Name subject, GeneralName... names) {
    KeyPair keys = keyPair("EC");
    X509v3CertificateBuilder builder =
        builder(new X500Name(ca.certificate().getSubjectX500Principal().getName()), subject, keys);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      if (names.length > 0) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Issued(sign(builder, ca.keys()), keys);
  }

  public static GeneralName ip(String address) {
    return new GeneralName(GeneralName.iPAddress, address);
  }

  public static GeneralName dns(String name) {
    return new GeneralName(GeneralName.dNSName, name);
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.getAndIncrement()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder(
                          signer.getPrivate().getAlgorithm().equals("EC")
                              ? "SHA256withECDSA"
                              : "SHA256withRSA")
                      .build(signer.getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair keyPair(String algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static Path write(Path file, String content) {
    try {
      return Files.writeString(file, content, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
