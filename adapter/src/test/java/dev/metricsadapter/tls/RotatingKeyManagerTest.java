package dev.metricsadapter.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.metricsadapter.testing.TestCertificates;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which alias a handshake gets, and what an alias resolves to across rotations. */
class RotatingKeyManagerTest {

  private static final TestCertificates.Issued EC = TestCertificates.authority("ec");
  private static final TestCertificates.Issued EC_NEXT = TestCertificates.authority("ec-next");
  private static final TestCertificates.Issued EC_LAST = TestCertificates.authority("ec-last");

  private static ServingCertificate.KeyMaterial material(TestCertificates.Issued issued) {
    return new ServingCertificate.KeyMaterial(
        List.of(issued.certificate()), issued.keys().getPrivate());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "EC, true",
    "EC_EC, true",
    "EC_RSA, true",
    "RSA, false",
    "DH_RSA, false",
    "RSASSA-PSS, false",
    "EdDSA, false"
  })
  void anEcKeyServesEcKeyTypesOnly(String keyType, boolean served) {
    RotatingKeyManager keys = new RotatingKeyManager(material(EC));
    String alias = keys.chooseEngineServerAlias(keyType, null, null);
    assertEquals(served, alias != null, String.valueOf(alias));
    assertEquals(alias, keys.chooseServerAlias(keyType, null, null));
    assertEquals(served, keys.getServerAliases(keyType, null) != null);
  }

  @Test
  void anRsaKeyServesRsaKeyTypes() {
    TestCertificates.Issued rsa = TestCertificates.authority("rsa", "RSA");
    RotatingKeyManager keys = new RotatingKeyManager(material(rsa));
    String alias = keys.chooseEngineServerAlias("RSA", null, null);
    assertArrayEquals(new X509Certificate[] {rsa.certificate()}, keys.getCertificateChain(alias));
    assertEquals(rsa.keys().getPrivate(), keys.getPrivateKey(alias));
    assertNull(keys.chooseEngineServerAlias("EC", null, null));
  }

  @Test
  void aRotationGivesNewHandshakesTheNewCertificateAndKeepsThePreviousOneResolvable() {
    RotatingKeyManager keys = new RotatingKeyManager(material(EC));
    String first = keys.chooseEngineServerAlias("EC", null, null);

    keys.serve(material(EC_NEXT));
    String second = keys.chooseEngineServerAlias("EC", null, null);
    assertNotEquals(first, second);
    assertEquals(EC_NEXT.certificate(), keys.getCertificateChain(second)[0]);
    assertEquals(EC_NEXT.keys().getPrivate(), keys.getPrivateKey(second));
    // A handshake that chose the first certificate just before the swap still completes with it.
    assertEquals(EC.certificate(), keys.getCertificateChain(first)[0]);
    assertEquals(EC.keys().getPrivate(), keys.getPrivateKey(first));

    keys.serve(material(EC_LAST));
    assertNull(keys.getCertificateChain(first));
    assertNull(keys.getPrivateKey(first));
    assertEquals(EC_NEXT.certificate(), keys.getCertificateChain(second)[0]);
    assertNull(keys.getCertificateChain("unknown"));
  }

  @Test
  void itNeverOffersAClientCertificate() {
    RotatingKeyManager keys = new RotatingKeyManager(material(EC));
    assertNull(keys.chooseClientAlias(new String[] {"EC"}, null, null));
    assertNull(keys.getClientAliases("EC", null));
  }
}
