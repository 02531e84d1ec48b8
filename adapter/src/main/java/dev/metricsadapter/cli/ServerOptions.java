package dev.metricsadapter.cli;

import dev.metricsadapter.tls.TlsSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The HTTPS port.
 *
 * @param securePort the port; 0 picks a free one (tests)
 * @param bindAddress the address to listen on
 * @param certDir where a self-signed certificate is kept when no certificate is given
 * @param certFile the serving certificate (PEM), given together with {@code keyFile}
 * @param keyFile the serving private key (PEM)
 * @param tls protocol versions, cipher suites, HTTP/2 settings and TLS engine
 */
public record ServerOptions(
    int securePort,
    String bindAddress,
    Path certDir,
    Optional<Path> certFile,
    Optional<Path> keyFile,
    TlsSettings tls) {}
