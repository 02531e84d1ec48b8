package dev.metricsadapter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.testing.Futures;
import dev.metricsadapter.testing.ScriptedPrometheus;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Before discovery, or with no rules, the group still answers: empty lists, not 404s. */
class EmptyCatalogTest {

  @Test
  void servesTheGroupWithNoMetricsAndIsNotReady() {
    Vertx vertx = Vertx.vertx();
    try {
      ServedApi api =
          ServedApi.start(
              vertx,
              DiscoverySnapshot.EMPTY,
              new ScriptedPrometheus(),
              Clock.systemUTC(),
              Optional.empty(),
              false);
      HttpResponse<Buffer> list = api.get("/apis/custom.metrics.k8s.io/v1beta1");
      assertEquals(200, list.statusCode());
      assertEquals(
          "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\","
              + "\"groupVersion\":\"custom.metrics.k8s.io/v1beta1\",\"resources\":[]}",
          list.bodyAsString());
      assertEquals(503, api.get("/readyz").statusCode());
    } finally {
      Futures.await(vertx.close());
    }
  }
}
