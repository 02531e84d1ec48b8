package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.client.CollectorRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class DemoServerTest {

  @Test
  void countsServedRequestsByMethodPathAndCode(Vertx vertx, VertxTestContext test) {
    WebClient client = WebClient.create(vertx);
    new DemoServer(vertx, new CollectorRegistry())
        .listen(0)
        .compose(
            port ->
                client
                    .get(port, "127.0.0.1", "/")
                    .send()
                    .compose(first -> client.get(port, "127.0.0.1", "/").send())
                    .compose(second -> client.get(port, "127.0.0.1", "/missing").send())
                    .compose(missing -> client.get(port, "127.0.0.1", "/metrics").send()))
        .onComplete(
            test.succeeding(
                (HttpResponse<Buffer> scrape) ->
                    test.verify(
                        () -> {
                          String body = scrape.bodyAsString();
                          assertEquals(200, scrape.statusCode());
                          assertTrue(
                              body.contains(
                                  "http_requests_total{method=\"GET\",path=\"/\",code=\"200\",} 2.0"),
                              body);
                          assertTrue(
                              body.contains(
                                  "http_requests_total{method=\"GET\",path=\"/missing\",code=\"404\",} 1.0"),
                              body);
                          test.completeNow();
                        })));
  }
}
