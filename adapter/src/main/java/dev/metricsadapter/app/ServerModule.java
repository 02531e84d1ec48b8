package dev.metricsadapter.app;

import dev.metricsadapter.cli.ServerOptions;
import dev.metricsadapter.server.HttpVersionGuard;
import dev.metricsadapter.server.InvalidRequests;
import dev.metricsadapter.server.RequestLimits;
import dev.metricsadapter.server.SlowClientGuard;
import dev.metricsadapter.tls.CertificateReloader;
import dev.metricsadapter.tls.RotatingKeyManager;
import dev.metricsadapter.tls.ServingCertificate;
import dev.metricsadapter.tls.ServingOptions;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS port: the serving certificate (given, or self-signed in {@code --cert-dir}) re-read
 * when its files change, the request guards (HTTP version, slow clients, request limits), then
 * {@code handler}. Closing it stops listening and watching the certificate.
 *
 * @param server the listening server
 * @param reloader re-reads the certificate files
 */
record ServerModule(HttpServer server, CertificateReloader reloader) implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServerModule.class);

  /** How long a client may take to complete its TLS handshake and send its first request. */
  private static final Duration FIRST_REQUEST_DEADLINE = Duration.ofSeconds(10);

  private static final Duration CERTIFICATE_CHECK_PERIOD = Duration.ofSeconds(10);
  private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Listens on the port of {@code options}; returns once it does.
   *
   * @param requestClientCertificates whether clients are asked for a certificate (delegated auth)
   * @throws IllegalArgumentException if the certificate files cannot be used
   * @throws IllegalStateException if the port cannot be bound
   */
  static ServerModule listen(
      Vertx vertx,
      ServerOptions options,
      boolean requestClientCertificates,
      Handler<HttpServerRequest> handler,
      Clock clock) {
    ServingCertificate certificate = servingCertificate(options, clock);
    RotatingKeyManager keys = new RotatingKeyManager(certificate.read());
    SlowClientGuard guard = new SlowClientGuard(vertx, FIRST_REQUEST_DEADLINE);
    Handler<HttpConnection> slowClients = guard.connections();
    HttpServer server =
        Blocking.await(
            vertx
                .createHttpServer(
                    ServingOptions.httpServer(
                        keys, options.tls(), FIRST_REQUEST_DEADLINE, requestClientCertificates))
                .connectionHandler(
                    connection -> {
                      HttpVersionGuard.install(connection);
                      slowClients.handle(connection);
                    })
                .invalidRequestHandler(InvalidRequests.handler())
                // Failed handshakes (a client certificate BoringSSL refuses, a client that speaks
                // no TLS) never reach a handler; say why at debug.
                .exceptionHandler(failure -> LOG.debug("connection failed: {}", failure.toString()))
                .requestHandler(guard.requests(RequestLimits.guard(handler)))
                .listen(options.securePort(), options.bindAddress()),
            LISTEN_TIMEOUT);
    CertificateReloader reloader = new CertificateReloader(vertx, keys, certificate);
    reloader.start(CERTIFICATE_CHECK_PERIOD);
    return new ServerModule(server, reloader);
  }

  /** The port listened on. */
  int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    Blocking.await(server.close(), LISTEN_TIMEOUT);
    reloader.stop();
  }

  private static ServingCertificate servingCertificate(ServerOptions options, Clock clock) {
    if (options.certFile().isPresent()) {
      return new ServingCertificate(options.certFile().get(), options.keyFile().orElseThrow())
          .requireReadable();
    }
    return ServingCertificate.selfSigned(options.certDir(), clock);
  }
}
