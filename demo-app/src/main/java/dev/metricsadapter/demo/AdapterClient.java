package dev.metricsadapter.demo;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Reads one custom metrics API path from the adapter, as {@code kubectl get --raw} would: a GET
 * over HTTPS with the JDK's HttpClient, with {@code Authorization: Bearer x} (the standalone
 * adapter checks no credentials) and a deadline on the connection and on every request.
 *
 * <p><b>It trusts any certificate and checks no host name</b>: the demo's adapter serves a
 * self-signed certificate on 127.0.0.1, and {@link AdapterSource} accepts loopback URLs only. Do
 * not reuse it for anything else. Thread-safe.
 */
final class AdapterClient {

  private final HttpClient http;
  private final HttpRequest request;
  private final Duration timeout;

  AdapterClient(AdapterSource source) {
    this.timeout = source.timeout();
    this.http =
        HttpClient.newBuilder()
            .sslContext(trustingEveryCertificate())
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.request =
        HttpRequest.newBuilder(source.requestUri())
            .timeout(timeout)
            .header("Authorization", "Bearer x")
            .header("Accept", "application/json")
            .GET()
            .build();
  }

  /**
   * The adapter's answer ({@link AdapterAnswers#read}), or a failure naming the URL when it gives
   * none within the timeout or cannot be reached.
   */
  MetricReading read() {
    URI uri = request.uri();
    try {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      return AdapterAnswers.read(answer.statusCode(), answer.body());
    } catch (HttpTimeoutException e) {
      return new MetricReading.Failure(
          "no answer from " + uri + " within " + Durations.format(timeout));
    } catch (ConnectException e) {
      return new MetricReading.Failure("cannot connect to " + uri);
    } catch (IOException e) {
      return new MetricReading.Failure("cannot read " + uri + ": " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new MetricReading.Failure("interrupted while reading " + uri);
    }
  }

  /** The innermost message of {@code e}, else its class name. */
  private static String describe(Throwable e) {
    String described = e.getClass().getSimpleName();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        described = t.getMessage();
      }
    }
    return described;
  }

  private static SSLContext trustingEveryCertificate() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustingEveryCertificate()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JDK", e);
    }
  }

  /**
   * Accepts every server certificate. Extended, so that the JDK does not add its own host name
   * check around it.
   */
  private static final class TrustingEveryCertificate extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a trust manager for servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a trust manager for servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a trust manager for servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
