package dev.metricsadapter.it;

import dev.metricsadapter.testing.TestCertificates.Issued;
import dev.metricsadapter.testing.TrustAllCertificates;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Clients with (or without) a TLS client certificate, certificates TestCertificates does not make,
 * and review endpoints for the mock API.
 */
final class DelegatedAuthSupport {

  private static final AtomicLong SERIAL = new AtomicLong(1_000_000);

  private DelegatedAuthSupport() {}

  /** An HTTPS client presenting {@code identity} (or no certificate when null). */
  static HttpClient client(Issued identity, X509Certificate... intermediates) {
    return HttpClient.newBuilder()
        .sslContext(sslContext(identity, intermediates))
        .connectTimeout(Duration.ofSeconds(2))
        .build();
  }

  /**
   * A certificate signed by {@code issuer} for {@code subject} (e.g. {@code CN=dave,O=readers}), a
   * CA or not, with the given extended key usages (none: no extension).
   */
  static Issued issue(Issued issuer, String subject, boolean ca, KeyPurposeId... purposes) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      Instant now = Instant.now();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              new X500Name(issuer.certificate().getSubjectX500Principal().getName()),
              BigInteger.valueOf(SERIAL.getAndIncrement()),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(1))),
              new X500Name(subject),
              keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      }
      if (purposes.length > 0) {
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
      }
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA")
                          .build(issuer.keys().getPrivate())));
      return new Issued(certificate, keys);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** GET {@code path} of {@code base} with header name/value pairs (a name may repeat). */
  static HttpResponse<String> get(HttpClient http, URI base, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Key material from {@code identity} in an in-memory PKCS12 key store; trusts any server (the
   * adapter's certificate is self-signed; these tests are about client authentication).
   */
  private static SSLContext sslContext(Issued identity, X509Certificate... intermediates) {
    try {
      KeyManager[] keyManagers = null;
      if (identity != null) {
        char[] password = "changeit".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        List<Certificate> chain = new ArrayList<>();
        chain.add(identity.certificate());
        chain.addAll(List.of(intermediates));
        store.setKeyEntry(
            "client", identity.keys().getPrivate(), password, chain.toArray(new Certificate[0]));
        // SunX509 presents the certificate whatever its extended key usage says, so that the
        // adapter's checks are what is tested.
        KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
        factory.init(store, password);
        keyManagers = factory.getKeyManagers();
      }
      return TrustAllCertificates.context("TLS", keyManagers);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A TokenReview or SubjectAccessReview endpoint: answers 201 with the review, its status made by
   * {@code decide} from the spec, and records every spec it received.
   */
  static final class ReviewEndpoint implements ResponseProvider<Object> {
    private final String apiVersion;
    private final String kind;
    private final Function<JsonObject, JsonObject> decide;
    private final List<JsonObject> specs = new CopyOnWriteArrayList<>();
    private Headers headers = Headers.builder().add("Content-Type", "application/json").build();

    ReviewEndpoint(String apiVersion, String kind, Function<JsonObject, JsonObject> decide) {
      this.apiVersion = apiVersion;
      this.kind = kind;
      this.decide = decide;
    }

    /** The specs received so far, in order. */
    List<JsonObject> specs() {
      return List.copyOf(specs);
    }

    /** The specs received so far whose {@code field} is {@code value}. */
    List<JsonObject> specs(String field, String value) {
      return specs.stream().filter(spec -> value.equals(spec.getString(field))).toList();
    }

    @Override
    public int getStatusCode(RecordedRequest request) {
      return 201;
    }

    @Override
    public Object getBody(RecordedRequest request) {
      JsonObject review = new JsonObject(request.getUtf8Body());
      JsonObject spec = review.getJsonObject("spec");
      specs.add(spec);
      return new JsonObject()
          .put("apiVersion", apiVersion)
          .put("kind", kind)
          .put("metadata", new JsonObject())
          .put("spec", spec)
          .put("status", decide.apply(spec))
          .encode();
    }

    @Override
    public Headers getHeaders() {
      return headers;
    }

    @Override
    public void setHeaders(Headers headers) {
      this.headers = headers;
    }
  }
}
