package dev.metricsadapter.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The HTTPS serving certificate: the given PEM files, or a self-signed certificate kept in a
 * directory ({@code apiserver.crt}, {@code apiserver.key}, as Kubernetes API servers name them),
 * generated when absent or expiring within a day and reused across restarts otherwise. Blocking
 * file I/O: call it at startup, before serving.
 *
 * @param certificateFile PEM certificate (chain)
 * @param keyFile PEM private key
 */
public record ServingCertificate(Path certificateFile, Path keyFile) {

  static final String CERTIFICATE_NAME = "apiserver.crt";
  static final String KEY_NAME = "apiserver.key";
  private static final Duration VALIDITY = Duration.ofDays(365);
  private static final Duration RENEW_BEFORE = Duration.ofDays(1);

  /**
   * The certificate in {@code directory}, generated (or regenerated) if missing or about to expire.
   *
   * @throws UncheckedIOException if the directory cannot be created or written
   */
  public static ServingCertificate selfSigned(Path directory, Clock clock) {
    Path certificate = directory.resolve(CERTIFICATE_NAME);
    Path key = directory.resolve(KEY_NAME);
    try {
      if (Files.isRegularFile(key)
          && validUntil(certificate).isAfter(clock.instant().plus(RENEW_BEFORE))) {
        return new ServingCertificate(certificate, key);
      }
      Files.createDirectories(directory);
      generate(certificate, key, clock.instant());
      return new ServingCertificate(certificate, key);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a self-signed certificate in " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * When the certificate in {@code file} expires; {@link Instant#MIN} if it is absent or
   * unreadable.
   */
  static Instant validUntil(Path file) {
    if (!Files.isRegularFile(file)) {
      return Instant.MIN;
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object = parser.readObject();
      if (object instanceof X509CertificateHolder holder) {
        return holder.getNotAfter().toInstant();
      }
      return Instant.MIN;
    } catch (IOException | RuntimeException e) {
      return Instant.MIN;
    }
  }

  private static void generate(Path certificateFile, Path keyFile, Instant now) throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256, new SecureRandom());
      KeyPair keys = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=metrics-adapter@" + now.getEpochSecond());
      List<GeneralName> names = new ArrayList<>();
      names.add(new GeneralName(GeneralName.dNSName, "localhost"));
      names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
      names.add(new GeneralName(GeneralName.iPAddress, "::1"));
      String host = hostName();
      if (!host.isEmpty() && !host.equals("localhost")) {
        names.add(new GeneralName(GeneralName.dNSName, host));
      }
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(VALIDITY)),
              subject,
              keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(names.toArray(GeneralName[]::new)));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      writePrivate(keyFile, pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
      Files.writeString(certificateFile, pem(certificate), StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(
          "cannot generate a self-signed certificate: " + e.getMessage(), e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "";
    }
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }

  private static void writePrivate(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, content, StandardCharsets.US_ASCII);
  }

  /**
   * The certificate chain and its key as read in one go, verified to belong together (so a rotation
   * that replaced one file but not yet the other is refused, not served).
   *
   * @param chain the serving certificate first, then any intermediates
   * @param key the serving certificate's private key
   */
  public record KeyMaterial(List<X509Certificate> chain, PrivateKey key) {
    public KeyMaterial {
      chain = List.copyOf(chain);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("no certificate");
      }
    }
  }

  /**
   * Reads both files once and checks that the key signs for the (first) certificate.
   *
   * @throws IllegalArgumentException if a file is unreadable or malformed, or the pair does not
   *     match
   */
  public KeyMaterial read() {
    byte[] certificateBytes;
    byte[] keyBytes;
    try {
      certificateBytes = Files.readAllBytes(certificateFile);
      keyBytes = Files.readAllBytes(keyFile);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the serving certificate: " + e.getMessage(), e);
    }
    try (PEMParser keyParser =
        new PEMParser(new StringReader(new String(keyBytes, StandardCharsets.US_ASCII)))) {
      PrivateKey key = privateKey(keyParser.readObject());
      List<X509Certificate> chain =
          PemCertificates.parse(
              new String(certificateBytes, StandardCharsets.US_ASCII), certificateFile.toString());
      String algorithm =
          key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(chain.get(0).getPublicKey());
      verifier.update(challenge);
      if (!verifier.verify(signature)) {
        throw new IllegalArgumentException(keyFile + " is not the key of " + certificateFile);
      }
      return new KeyMaterial(chain, key);
    } catch (IOException | GeneralSecurityException | ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException(
          "cannot use " + certificateFile + " with " + keyFile + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Object pem) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    if (pem instanceof PrivateKeyInfo info) {
      return converter.getPrivateKey(info);
    }
    if (pem instanceof PEMKeyPair pair) {
      return converter.getKeyPair(pair).getPrivate();
    }
    throw new IOException("no private key");
  }

  /** Fails fast if the files are not a readable PEM certificate. */
  public ServingCertificate requireReadable() {
    if (validUntil(certificateFile).equals(Instant.MIN)) {
      throw new IllegalArgumentException(
          certificateFile + " is not a PEM certificate",
          new CertificateException(certificateFile.toString()));
    }
    return this;
  }
}
