package dev.metricsadapter.cli;

import dev.metricsadapter.tls.TlsEngine;
import dev.metricsadapter.tls.TlsSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The HTTPS port's flags: address, certificate, TLS versions and suites, HTTP/2. A mixin. */
public final class ServingFlags {

  @Option(
      names = "--secure-port",
      paramLabel = "PORT",
      defaultValue = "6443",
      description = "HTTPS port.")
  private int securePort;

  @Option(
      names = "--bind-address",
      paramLabel = "ADDRESS",
      defaultValue = "0.0.0.0",
      description = "Address to listen on.")
  private String bindAddress;

  @Option(
      names = "--cert-dir",
      paramLabel = "DIR",
      defaultValue = "apiserver.local.config/certificates",
      description =
          "Where a self-signed serving certificate is generated when no --tls-cert-file is given.")
  private Path certDir;

  @Option(
      names = "--tls-cert-file",
      paramLabel = "FILE",
      description = "Serving certificate (PEM, may include the chain).")
  private Path certFile;

  @Option(
      names = "--tls-private-key-file",
      paramLabel = "FILE",
      description = "Serving private key (PEM).")
  private Path keyFile;

  @Option(
      names = "--tls-min-version",
      paramLabel = "VERSION",
      defaultValue = "VersionTLS12",
      description = "Minimum TLS version: VersionTLS12 or VersionTLS13.")
  private String minVersion;

  @Option(
      names = "--tls-cipher-suites",
      paramLabel = "SUITES",
      split = ",",
      description =
          "TLS 1.2 cipher suites (IANA names, comma-separated); default: ECDHE with AES-GCM or"
              + " ChaCha20-Poly1305. TLS 1.3 suites are always enabled.")
  private List<String> cipherSuites = new ArrayList<>();

  @Option(
      names = "--http2-max-streams-per-connection",
      paramLabel = "N",
      defaultValue = "250",
      description = "Concurrent HTTP/2 streams per connection (bounds rapid-reset floods).")
  private int http2MaxStreams;

  @Option(names = "--disable-http2", description = "Serve HTTP/1.1 only.")
  private boolean disableHttp2;

  @Option(
      names = "--tls-engine",
      paramLabel = "ENGINE",
      defaultValue = "auto",
      description =
          "TLS implementation: openssl (bundled BoringSSL; faster), jdk, or auto (openssl where"
              + " its native library loads, jdk otherwise).")
  private String engine;

  /**
   * The validated serving options; certificate files are read now.
   *
   * @throws FlagException naming the first flag that cannot be used
   */
  ServerOptions options() {
    if (securePort < 1 || securePort > 65535) {
      throw new FlagException("--secure-port must be between 1 and 65535, not " + securePort);
    }
    FlagFiles.keyPair("--tls-cert-file", certFile, "--tls-private-key-file", keyFile);
    return new ServerOptions(
        securePort,
        bindAddress,
        certDir,
        Optional.ofNullable(certFile),
        Optional.ofNullable(keyFile),
        tls());
  }

  private TlsSettings tls() {
    TlsEngine tlsEngine =
        validated(
            "--tls-engine",
            () -> {
              TlsEngine parsed = TlsEngine.parse(engine);
              parsed.usesOpenSsl(); // fails when openssl is asked for but cannot load
              return parsed;
            });
    validated("--tls-min-version", () -> TlsSettings.checkMinVersion(minVersion));
    validated("--tls-cipher-suites", () -> TlsSettings.checkCipherSuites(cipherSuites, tlsEngine));
    validated(
        "--http2-max-streams-per-connection", () -> TlsSettings.checkMaxStreams(http2MaxStreams));
    return new TlsSettings(minVersion, cipherSuites, !disableHttp2, http2MaxStreams, tlsEngine);
  }

  /** Runs a check of the TLS package, its failure reported as {@code flag}'s. */
  private static void validated(String flag, Runnable check) {
    validated(
        flag,
        () -> {
          check.run();
          return null;
        });
  }

  private static <T> T validated(String flag, Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw FlagException.of(flag, e.getMessage());
    }
  }
}
