package dev.metricsadapter.tls;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The HTTPS server's options: TLS as {@link TlsSettings} says (engine included), the serving
 * certificate from a {@link RotatingKeyManager}, and limits that keep slow or oversized clients
 * from holding resources (request line 16 KiB, headers 64 KiB, 2 minutes idle, HTTP/2 reset floods
 * bounded).
 */
public final class ServingOptions {

  /** Longest request line (method, path, query, version). */
  public static final int MAX_REQUEST_LINE = 16 * 1024;

  /** Largest total header size. */
  public static final int MAX_HEADER_SIZE = 64 * 1024;

  /**
   * The HTTP/2 {@code SETTINGS_MAX_HEADER_LIST_SIZE} advertised: room for the longest request line
   * and the largest headers with HPACK's 32 bytes per field, so that a client that respects it
   * sends every request the limits above apply to, and the server answers each on its stream.
   */
  public static final int MAX_HEADER_LIST_SIZE = MAX_REQUEST_LINE + MAX_HEADER_SIZE + 16 * 1024;

  /** Seconds a connection may stay idle. */
  public static final int IDLE_TIMEOUT_SECONDS = 120;

  private ServingOptions() {}

  /**
   * Options for the adapter's HTTPS server, serving whatever certificate {@code keys} holds.
   *
   * @param clientDeadline how long a client may take to complete its TLS handshake (and, with
   *     {@code SlowClientGuard}, its first request)
   */
  public static HttpServerOptions httpServer(
      RotatingKeyManager keys, TlsSettings tls, Duration clientDeadline) {
    return httpServer(keys, tls, clientDeadline, false);
  }

  /**
   * As {@link #httpServer(RotatingKeyManager, TlsSettings, Duration)}, optionally asking clients
   * for a certificate. Any certificate is accepted during the handshake; which CA must have signed
   * it (front proxy or client CA) is decided per request by the authenticator.
   */
  public static HttpServerOptions httpServer(
      RotatingKeyManager keys,
      TlsSettings tls,
      Duration clientDeadline,
      boolean requestClientCertificates) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setSsl(true)
            .setSslEngineOptions(tls.engine().options())
            .setKeyCertOptions(KeyCertOptions.wrap(keys))
            .setEnabledSecureTransportProtocols(tls.protocols())
            .setUseAlpn(tls.http2())
            .setInitialSettings(
                new Http2Settings()
                    .setMaxConcurrentStreams(tls.maxStreamsPerConnection())
                    .setMaxHeaderListSize(MAX_HEADER_LIST_SIZE))
            .setHttp2RstFloodMaxRstFramePerWindow(200)
            .setMaxInitialLineLength(MAX_REQUEST_LINE)
            .setMaxHeaderSize(MAX_HEADER_SIZE)
            .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
            .setIdleTimeoutUnit(TimeUnit.SECONDS)
            .setSslHandshakeTimeout(clientDeadline.toMillis())
            .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
            .setCompressionSupported(false);
    tls.suites().forEach(options::addEnabledCipherSuite);
    if (requestClientCertificates) {
      options
          .setClientAuth(ClientAuth.REQUEST)
          .setTrustOptions(TrustOptions.wrap(new AnyClientCertificate()));
    }
    return options;
  }

  /** Accepts any client certificate at the TLS layer; the authenticator verifies it. */
  private static final class AnyClientCertificate extends javax.net.ssl.X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(
        X509Certificate[] chain, String authType, java.net.Socket socket) {}

    @Override
    public void checkClientTrusted(
        X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(
        X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("this trust manager only serves client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
