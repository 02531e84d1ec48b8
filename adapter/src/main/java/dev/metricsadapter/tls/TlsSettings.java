package dev.metricsadapter.tls;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How the HTTPS port negotiates: protocol versions, cipher suites, HTTP/2, and which TLS
 * implementation does it.
 *
 * @param minVersion {@code VersionTLS12} or {@code VersionTLS13} (Kubernetes' flag values)
 * @param cipherSuites IANA names of the TLS 1.2 suites to allow, each supported by the engine;
 *     empty means the modern default (ECDHE with AES-GCM or ChaCha20-Poly1305); TLS 1.3 suites are
 *     always allowed
 * @param http2 whether HTTP/2 is offered through ALPN
 * @param maxStreamsPerConnection the HTTP/2 concurrent-stream bound per connection
 * @param engine which TLS implementation serves
 */
public record TlsSettings(
    String minVersion,
    List<String> cipherSuites,
    boolean http2,
    int maxStreamsPerConnection,
    TlsEngine engine) {

  /** TLS 1.3 suites, always enabled. */
  static final List<String> TLS13_SUITES =
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

  /** Forward-secret AEAD suites for TLS 1.2. */
  static final List<String> MODERN_TLS12_SUITES =
      List.of(
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  /**
   * The defaults: TLS 1.2 and up, modern suites, HTTP/2 with at most 250 streams, OpenSSL where
   * available.
   */
  public static final TlsSettings DEFAULTS =
      new TlsSettings("VersionTLS12", List.of(), true, 250, TlsEngine.AUTO);

  public TlsSettings {
    checkMinVersion(minVersion);
    cipherSuites = List.copyOf(cipherSuites);
    Objects.requireNonNull(engine, "engine");
    checkCipherSuites(cipherSuites, engine);
    checkMaxStreams(maxStreamsPerConnection);
  }

  /**
   * @throws IllegalArgumentException unless {@code minVersion} is a Kubernetes TLS version name
   */
  public static void checkMinVersion(String minVersion) {
    if (!minVersion.equals("VersionTLS12") && !minVersion.equals("VersionTLS13")) {
      throw new IllegalArgumentException(
          "minimum TLS version must be VersionTLS12 or VersionTLS13, not " + minVersion);
    }
  }

  /**
   * @throws IllegalArgumentException naming the suites {@code engine} does not support
   */
  public static void checkCipherSuites(List<String> cipherSuites, TlsEngine engine) {
    List<String> unsupported =
        cipherSuites.stream().filter(suite -> !engine.supportsCipherSuite(suite)).toList();
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException(
          "cipher suites that TLS by "
              + engine.implementation()
              + " does not support: "
              + String.join(", ", unsupported)
              + " (IANA names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
    }
  }

  /**
   * @throws IllegalArgumentException unless at least one stream per connection is allowed
   */
  public static void checkMaxStreams(int maxStreamsPerConnection) {
    if (maxStreamsPerConnection < 1) {
      throw new IllegalArgumentException("HTTP/2 streams per connection must be at least 1");
    }
  }

  /** The enabled protocol names. */
  Set<String> protocols() {
    return minVersion.equals("VersionTLS13") ? Set.of("TLSv1.3") : Set.of("TLSv1.2", "TLSv1.3");
  }

  /** The enabled suites, TLS 1.3 ones first. */
  List<String> suites() {
    List<String> tls12 = cipherSuites.isEmpty() ? MODERN_TLS12_SUITES : cipherSuites;
    return Stream.concat(TLS13_SUITES.stream(), tls12.stream()).toList();
  }
}
