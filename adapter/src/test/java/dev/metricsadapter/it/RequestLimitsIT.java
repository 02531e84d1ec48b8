package dev.metricsadapter.it;

import static dev.metricsadapter.testing.AdapterUnderTest.RULES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.metricsadapter.testing.AdapterUnderTest;
import dev.metricsadapter.testing.Futures;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The request-size limits are the same over HTTP/1.1 and HTTP/2 (request line 16 KiB: 414, headers
 * 64 KiB: 431), every such answer is a Kubernetes Status, and over HTTP/2 the connection outlives
 * the oversized request.
 */
class RequestLimitsIT {

  private static final String DISCOVERY = "/apis/custom.metrics.k8s.io/v1beta2";

  @RegisterExtension
  static final AdapterUnderTest stack = AdapterUnderTest.withRules(RULES.resolve("demo.yaml"));

  private static final Vertx vertx = Vertx.vertx();

  @AfterAll
  static void closeVertx() {
    Futures.await(vertx.close());
  }

  private record Answer(int code, String body, HttpConnection connection) {}

  private static Answer get(HttpClient client, String uri, String headerValue) throws Exception {
    return client
        .request(HttpMethod.GET, stack.adapter().url().getPort(), "127.0.0.1", uri)
        .compose(
            request -> {
              if (headerValue != null) {
                request.putHeader("X-Padding", headerValue);
              }
              return request
                  .send()
                  .compose(
                      response ->
                          response
                              .body()
                              .map(
                                  body ->
                                      new Answer(
                                          response.statusCode(),
                                          body.toString(),
                                          request.connection())));
            })
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static void assertStatus(int code, String message, Answer answer) {
    assertEquals(code, answer.code(), answer.body());
    JsonObject status = new JsonObject(answer.body());
    assertEquals("Status", status.getString("kind"));
    assertEquals(code, status.getInteger("code"));
    assertEquals(message, status.getString("message"));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = HttpVersion.class,
      names = {"HTTP_1_1", "HTTP_2"})
  void limitsAndAnswersAreTheSameOnBothProtocols(HttpVersion version) throws Exception {
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setSsl(true)
                .setTrustAll(true)
                .setVerifyHost(false)
                .setUseAlpn(true)
                .setProtocolVersion(version)
                .setMaxInitialLineLength(64 * 1024));
    try {
      // "GET " + target + " HTTP/1.1" is the request line.
      String within = DISCOVERY + "?x=" + "a".repeat(16 * 1024 - 13 - DISCOVERY.length() - 3);
      Answer served = get(client, within, null);
      assertEquals(200, served.code(), served.body());
      assertStatus(414, "the request line is longer than 16 KiB", get(client, within + "a", null));

      Answer bigHeaders = get(client, DISCOVERY, "b".repeat(63 * 1024));
      assertEquals(200, bigHeaders.code(), bigHeaders.body());
      assertStatus(
          431,
          "the request headers are larger than 64 KiB",
          get(client, DISCOVERY, "b".repeat(65 * 1024)));

      if (version == HttpVersion.HTTP_2) {
        HttpConnection first = get(client, DISCOVERY, null).connection();
        get(client, within + "a", null);
        get(client, DISCOVERY, "b".repeat(65 * 1024));
        assertSame(first, get(client, DISCOVERY, null).connection(), "one connection throughout");
      }
    } finally {
      Futures.await(client.close());
    }
  }
}
