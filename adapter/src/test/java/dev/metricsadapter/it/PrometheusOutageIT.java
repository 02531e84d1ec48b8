package dev.metricsadapter.it;

import static dev.metricsadapter.testing.AdapterUnderTest.RULES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.testing.AdapterUnderTest;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prometheus stopped and restarted under a steady load of requests (cache off, so every request
 * reaches the query path): errors are clear 503s (unreachable, then the open circuit with {@code
 * Retry-After}), no request outlives its deadline, discovery documents and readiness keep working,
 * and once Prometheus is back the adapter recovers by itself and serves every request again.
 */
class PrometheusOutageIT {

  private static final String METRIC =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/web-1/http_requests_per_second";
  private static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(5);
  private static final int CLIENTS = 4;

  @RegisterExtension
  static final AdapterUnderTest stack =
      AdapterUnderTest.withRules(RULES.resolve("demo.yaml"))
          .flags("--prometheus-timeout=5s", "--cache-ttl=0s");

  /** One answered request: its status, body, Retry-After header and duration. */
  private record Answer(int code, String body, String retryAfter, Duration took) {}

  /** Requests {@link #METRIC} in a loop from several threads until stopped. */
  private static final class Load {
    private final List<Answer> answers = new ArrayList<>();
    final AtomicBoolean running = new AtomicBoolean(true);
    final ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
    final List<Future<?>> clients = new ArrayList<>();

    Load() {
      for (int i = 0; i < CLIENTS; i++) {
        clients.add(
            threads.submit(
                () -> {
                  while (running.get()) {
                    long started = System.nanoTime();
                    HttpResponse<String> response = stack.adapter().get(METRIC);
                    Answer answer =
                        new Answer(
                            response.statusCode(),
                            response.statusCode() == 200 ? "" : response.body(),
                            response.headers().firstValue("Retry-After").orElse(""),
                            Duration.ofNanos(System.nanoTime() - started));
                    synchronized (answers) {
                      answers.add(answer);
                    }
                  }
                  return null;
                }));
      }
    }

    /** The answers so far, in the order they arrived. */
    List<Answer> answers() {
      synchronized (answers) {
        return List.copyOf(answers);
      }
    }

    int count() {
      synchronized (answers) {
        return answers.size();
      }
    }

    /** Stops the clients and waits for their last requests. */
    void stop() throws Exception {
      running.set(false);
      for (Future<?> client : clients) {
        client.get(60, TimeUnit.SECONDS);
      }
      threads.shutdown();
    }
  }

  @Test
  void clearErrorsWithinTheDeadlineWhileDownAndRecoveryWhenBack() throws Exception {
    assertEquals(200, stack.adapter().get(METRIC).statusCode());
    List<Answer> answers;
    Load load = new Load();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> load.count() >= 20);
      stack.prometheus().stop();
      int stoppedAt = load.count();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> load.answers().stream().anyMatch(a -> !a.retryAfter().isEmpty()));
      assertEquals(200, stack.adapter().get("/apis/custom.metrics.k8s.io/v1beta2").statusCode());
      assertEquals(200, stack.adapter().get("/readyz").statusCode());

      stack.prometheus().start();
      int restartedAt = load.count();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> firstOk(load.answers(), restartedAt) >= 0);
      int recoveredAt = firstOk(load.answers(), restartedAt);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> load.count() >= recoveredAt + 40);
      answers = load.answers();
      assertTrue(stoppedAt < restartedAt, "requests were answered while Prometheus was down");
    } finally {
      load.stop();
    }

    for (Answer answer : answers) {
      assertTrue(
          answer.code() == 200 || answer.code() == 503 || answer.code() == 504,
          answer.code() + " " + answer.body());
      assertTrue(
          answer.took().compareTo(PROMETHEUS_TIMEOUT.multipliedBy(2)) < 0,
          "a request took " + answer.took());
      if (answer.code() != 200) {
        JsonObject status = new JsonObject(answer.body());
        assertEquals("Status", status.getString("kind"), answer.body());
        assertTrue(
            status.getString("message").startsWith("Prometheus"), status.getString("message"));
      }
    }
    assertTrue(
        answers.stream()
            .anyMatch(a -> a.body().contains("Prometheus /api/v1/query is unreachable")),
        "the first failures say Prometheus is unreachable");
    Answer fastFailure =
        answers.stream().filter(a -> !a.retryAfter().isEmpty()).findFirst().orElseThrow();
    assertEquals(503, fastFailure.code());
    assertEquals("5", fastFailure.retryAfter());
    assertTrue(fastFailure.body().contains("Prometheus is failing"), fastFailure.body());

    List<Answer> afterRecovery = answers.subList(lastFailure(answers) + 1, answers.size());
    assertTrue(afterRecovery.size() >= 40, "recovered for good: " + afterRecovery.size());
    System.out.printf(
        "outage under load: %d requests, %d failed (503/504), %d served after recovery%n",
        answers.size(),
        answers.stream().filter(a -> a.code() != 200).count(),
        afterRecovery.size());
  }

  private static int firstOk(List<Answer> answers, int from) {
    for (int i = from; i < answers.size(); i++) {
      if (answers.get(i).code() == 200) {
        return i;
      }
    }
    return -1;
  }

  private static int lastFailure(List<Answer> answers) {
    for (int i = answers.size() - 1; i >= 0; i--) {
      if (answers.get(i).code() != 200) {
        return i;
      }
    }
    return -1;
  }
}
