package dev.metricsadapter.prometheus;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link WebClientPrometheusClient}s a test opened, closed after it (after its {@code
 * AfterEach} methods); register with {@code @RegisterExtension}.
 */
final class OpenedClients implements AfterEachCallback {

  private final List<WebClientPrometheusClient> clients = new ArrayList<>();

  /** {@code client}, to be closed after the test. */
  WebClientPrometheusClient open(WebClientPrometheusClient client) {
    clients.add(client);
    return client;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    clients.forEach(WebClientPrometheusClient::close);
    clients.clear();
  }
}
