package dev.metricsadapter.tls;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Which TLS implementation serves the HTTPS port ({@code --tls-engine}).
 *
 * <p>OpenSSL here is BoringSSL as netty-tcnative bundles it for Linux and macOS on x86_64 and
 * aarch64; Netty loads it from the jar into the temporary directory at first use. In this project's
 * benchmark it lowered the adapter's p99 latency under load against the JDK's {@code SSLEngine},
 * whose output buffers were a third of the adapter's allocation (see {@code bench/README.md}). Both
 * implementations honour the same {@link TlsSettings}.
 */
public enum TlsEngine {
  /** OpenSSL when its native library loads on this machine, the JDK's TLS otherwise. */
  AUTO,
  /** OpenSSL; the adapter refuses to start when its native library does not load. */
  OPENSSL,
  /** The JDK's {@code SSLEngine}. */
  JDK;

  /**
   * The engine named by a flag value ({@code auto}, {@code openssl} or {@code jdk}, any case).
   *
   * @throws IllegalArgumentException for any other value
   */
  public static TlsEngine parse(String value) {
    for (TlsEngine engine : values()) {
      if (engine.name().equalsIgnoreCase(value)) {
        return engine;
      }
    }
    throw new IllegalArgumentException(
        "TLS engine must be auto, openssl or jdk, not \"" + value + "\"");
  }

  /**
   * Whether this choice serves with OpenSSL on this machine.
   *
   * @throws IllegalStateException when this is {@link #OPENSSL} and the native library does not
   *     load, with the reason Netty gives
   */
  public boolean usesOpenSsl() {
    return switch (this) {
      case JDK -> false;
      case AUTO -> OpenSsl.isAvailable();
      case OPENSSL -> {
        if (!OpenSsl.isAvailable()) {
          throw new IllegalStateException(
              "OpenSSL is not available on this machine: " + unavailability());
        }
        yield true;
      }
    };
  }

  /** What serves TLS under this choice, for the startup log. */
  public String describe() {
    if (this == AUTO && !usesOpenSsl()) {
      return implementation() + "; OpenSSL is not available: " + unavailability();
    }
    return implementation();
  }

  /** The implementation's name and version, such as {@code OpenSSL (BoringSSL)}. */
  String implementation() {
    return usesOpenSsl()
        ? "OpenSSL (" + OpenSsl.versionString() + ")"
        : "the JDK (" + System.getProperty("java.vm.version") + ")";
  }

  /** Whether the cipher suite with this IANA name can be enabled under this choice. */
  boolean supportsCipherSuite(String suite) {
    return usesOpenSsl()
        ? OpenSsl.availableJavaCipherSuites().contains(suite)
        : JdkSuites.SUPPORTED.contains(suite);
  }

  /** The JDK's supported suites, looked up once. */
  private static final class JdkSuites {
    static final Set<String> SUPPORTED = supported();

    private static Set<String> supported() {
      try {
        return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no default TLS context", e);
      }
    }
  }

  /** The Vert.x engine options for this choice on this machine. */
  SSLEngineOptions options() {
    return usesOpenSsl() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
  }

  private static String unavailability() {
    Throwable cause = OpenSsl.unavailabilityCause();
    return cause == null ? "unknown reason" : cause.toString();
  }
}
