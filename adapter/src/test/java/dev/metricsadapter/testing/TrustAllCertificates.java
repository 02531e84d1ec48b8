package dev.metricsadapter.testing;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS clients for tests that check the adapter's behaviour, not whether its (often self-signed)
 * certificate is trusted: the server's certificate is accepted whatever it is.
 */
public final class TrustAllCertificates {

  /** Accepts every certificate. */
  public static final X509TrustManager MANAGER =
      new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      };

  private TrustAllCertificates() {}

  /** A client context for {@code protocol} (e.g. {@code TLS}) without a client certificate. */
  public static SSLContext context(String protocol) {
    return context(protocol, null);
  }

  /**
   * A client context for {@code protocol} presenting {@code keys} (null: no client certificate).
   */
  public static SSLContext context(String protocol, KeyManager[] keys) {
    try {
      SSLContext context = SSLContext.getInstance(protocol);
      context.init(keys, new TrustManager[] {MANAGER}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
