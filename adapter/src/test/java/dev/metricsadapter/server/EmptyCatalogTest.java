package dev.metricsadapter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.provider.CustomMetricsService;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.provider.ExternalMetricsService;
import dev.metricsadapter.provider.SeriesObjectLister;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Before discovery, or with no rules, the group still answers: empty lists, not 404s. */
class EmptyCatalogTest {

  @Test
  void servesTheGroupWithNoMetricsAndIsNotReady() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      CustomMetricsService service =
          new CustomMetricsService(
              () -> DiscoverySnapshot.EMPTY,
              new BuiltinResourceMapper(),
              new SeriesObjectLister(
                  vertx,
                  new ScriptedPrometheus(),
                  java.time.Duration.ofMinutes(1),
                  java.time.Duration.ZERO,
                  Clock.systemUTC()),
              new ScriptedPrometheus(),
              Clock.systemUTC());
      HttpServer server =
          vertx
              .createHttpServer()
              .requestHandler(
                  ApiRouter.of(
                          service,
                          new ExternalMetricsService(
                              () -> DiscoverySnapshot.EMPTY,
                              new BuiltinResourceMapper(),
                              new ScriptedPrometheus(),
                              Clock.systemUTC()),
                          Optional.empty(),
                          () -> DiscoverySnapshot.EMPTY,
                          () -> false)
                      .router(vertx))
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      WebClient client = WebClient.create(vertx);
      HttpResponse<Buffer> list =
          client
              .get(server.actualPort(), "127.0.0.1", "/apis/custom.metrics.k8s.io/v1beta1")
              .send()
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      assertEquals(200, list.statusCode());
      assertEquals(
          "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\","
              + "\"groupVersion\":\"custom.metrics.k8s.io/v1beta1\",\"resources\":[]}",
          list.bodyAsString());
      HttpResponse<Buffer> ready =
          client
              .get(server.actualPort(), "127.0.0.1", "/readyz")
              .send()
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      assertEquals(503, ready.statusCode());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
