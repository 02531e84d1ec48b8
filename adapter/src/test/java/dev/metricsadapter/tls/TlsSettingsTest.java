package dev.metricsadapter.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Validation of the TLS settings against the engine that will serve them. */
class TlsSettingsTest {

  private static TlsSettings withSuites(TlsEngine engine, String... suites) {
    return new TlsSettings("VersionTLS12", List.of(suites), true, 250, engine);
  }

  @ParameterizedTest
  @EnumSource(names = {"JDK", "OPENSSL"})
  void unknownCipherSuitesAreRejectedByName(TlsEngine engine) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                withSuites(
                    engine,
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_BOGUS_SUITE",
                    "ECDHE-RSA-AES256-GCM-SHA384"));
    assertEquals(
        "cipher suites that TLS by "
            + engine.implementation()
            + " does not support: TLS_BOGUS_SUITE, ECDHE-RSA-AES256-GCM-SHA384 (IANA names such as"
            + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)",
        e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(names = {"JDK", "OPENSSL"})
  void theDefaultSuitesAreSupported(TlsEngine engine) {
    for (String suite : TlsSettings.DEFAULTS.suites()) {
      assertTrue(engine.supportsCipherSuite(suite), suite);
    }
  }

  @Test
  void aSuiteOnlyTheJdkOffersNeedsTheJdkEngine() {
    String dhe = "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256";
    assertEquals(List.of(dhe), withSuites(TlsEngine.JDK, dhe).cipherSuites());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> withSuites(TlsEngine.OPENSSL, dhe));
    assertTrue(e.getMessage().contains(dhe), e.getMessage());
  }

  @Test
  void engineNamesParseInAnyCase() {
    assertEquals(TlsEngine.OPENSSL, TlsEngine.parse("OpenSSL"));
    assertEquals(TlsEngine.JDK, TlsEngine.parse("jdk"));
    assertEquals(TlsEngine.AUTO, TlsEngine.parse("auto"));
    assertEquals(
        "TLS engine must be auto, openssl or jdk, not \"boring\"",
        assertThrows(IllegalArgumentException.class, () -> TlsEngine.parse("boring")).getMessage());
  }
}
