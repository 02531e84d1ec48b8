package dev.metricsadapter.auth;

import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A TokenReview or SubjectAccessReview endpoint of a mock Kubernetes API server: answers each POST
 * with what {@code handler} makes of its body, and records every body it received. A test can hold
 * answers back with {@link #hold()} until {@link #release()}.
 */
final class ReviewEndpointSupport implements ResponseProvider<Object> {

  /** An answer: HTTP status and JSON body. */
  record Reply(int code, JsonObject body) {}

  private final Function<JsonObject, Reply> handler;
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final Map<RecordedRequest, String> bodies = new ConcurrentHashMap<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private Headers headers = Headers.builder().add("Content-Type", "application/json").build();

  ReviewEndpointSupport(Function<JsonObject, Reply> handler) {
    this.handler = handler;
  }

  /** The request bodies received so far, in order. */
  List<JsonObject> received() {
    return List.copyOf(received);
  }

  /** How many requests were received. */
  int count() {
    return received.size();
  }

  /** Answers wait (at most 10 s) until {@link #release()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  /** Lets held answers go. */
  void release() {
    gate.countDown();
  }

  @Override
  public int getStatusCode(RecordedRequest request) {
    JsonObject body = new JsonObject(request.getUtf8Body());
    received.add(body);
    try {
      if (!gate.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the held answer");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Reply reply = handler.apply(body);
    bodies.put(request, reply.body().encode());
    return reply.code();
  }

  @Override
  public Object getBody(RecordedRequest request) {
    return bodies.remove(request);
  }

  @Override
  public Headers getHeaders() {
    return headers;
  }

  @Override
  public void setHeaders(Headers headers) {
    this.headers = headers;
  }
}
