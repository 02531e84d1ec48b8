package dev.metricsadapter.prometheus;

import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;

/**
 * Builds the {@link WebClientOptions} for a {@link PrometheusClientOptions}: connect timeout, gzip,
 * the connection bound, and for {@code https} URLs hostname verification, the CA file and the
 * client certificate. TLS files are read when the client is created. Stateless.
 */
final class WebClientOptionsFactory {

  private WebClientOptionsFactory() {}

  static WebClientOptions create(PrometheusClientOptions options) {
    WebClientOptions client =
        new WebClientOptions()
            .setUserAgent("metrics-adapter")
            .setFollowRedirects(false)
            .setDecompressionSupported(true)
            .setMaxPoolSize(options.maxConnections())
            .setConnectTimeout(saturatedInt(options.timeout().toMillis()));
    if (options.isHttps()) {
      client.setSsl(true).setVerifyHost(true);
      options
          .caFile()
          .ifPresent(ca -> client.setTrustOptions(new PemTrustOptions().addCertPath(path(ca))));
      options
          .clientCertFile()
          .ifPresent(
              cert ->
                  client.setKeyCertOptions(
                      new PemKeyCertOptions()
                          .setCertPath(path(cert))
                          .setKeyPath(path(options.clientKeyFile().orElseThrow()))));
    }
    return client;
  }

  private static String path(Path file) {
    return file.toAbsolutePath().toString();
  }

  private static int saturatedInt(long value) {
    return (int) Math.min(Integer.MAX_VALUE, value);
  }
}
