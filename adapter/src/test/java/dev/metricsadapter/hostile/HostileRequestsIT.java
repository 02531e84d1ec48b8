package dev.metricsadapter.hostile;

import static dev.metricsadapter.testing.AdapterUnderTest.RULES;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.hostile.RecordingPrometheus.Recorded;
import dev.metricsadapter.testing.AdapterUnderTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays the hostile-request corpus ({@code src/test/resources/hostile/requests.txt}) against the
 * adapter jar over raw TLS sockets, with a recording stand-in Prometheus behind it, and checks
 * that:
 *
 * <ul>
 *   <li>every request gets what its corpus line expects (a 4xx, or a closed connection where the
 *       line allows it for protocol abuse), never a 5xx and never silence;
 *   <li>normal requests, interleaved, keep being answered 200;
 *   <li>every PromQL query the adapter sent has the shape of a demo rule's template with request
 *       text only inside quoted, escaped matcher values ({@link PromQlShape}), and the adapter
 *       called no other Prometheus endpoint than series and query.
 * </ul>
 */
class HostileRequestsIT {

  private static final int READ_TIMEOUT_MILLIS = 15_000;
  private static final int NORMAL_EVERY = 25;
  private static final int PARALLEL = 4;
  private static final String NORMAL =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second";
  private static final Set<String> SERIES_QUERIES =
      Set.of(
          "{__name__=\"http_requests_total\",namespace!=\"\",pod!=\"\"}",
          "{__name__=\"http_requests_total\",namespace!=\"\"}");

  @RegisterExtension
  static final AdapterUnderTest stack =
      AdapterUnderTest.withRules(RULES.resolve("demo.yaml"))
          .withoutRealPrometheus()
          .flags(starting -> List.of("--prometheus-url=" + startRecordingPrometheus()))
          // Every request's PromQL must reach the recording stub to be checked.
          .flags("--cache-ttl=0s");

  private static RecordingPrometheus prometheus;

  private static String startRecordingPrometheus() throws Exception {
    prometheus = RecordingPrometheus.start();
    return "http://127.0.0.1:" + prometheus.port();
  }

  @AfterAll
  static void stopRecordingPrometheus() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void hostileRequestsAreRefusedWithoutReachingPromqlWhileNormalOnesAreServed() throws Exception {
    List<HostileCorpus.Entry> corpus = HostileCorpus.load();
    assertTrue(corpus.size() >= 500, "the corpus has only " + corpus.size() + " entries");
    RawHttps client = new RawHttps(stack.adapter().url().getPort(), READ_TIMEOUT_MILLIS);
    long started = System.nanoTime();

    List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> slow = new java.util.concurrent.CopyOnWriteArrayList<>();
    Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
    int normals = 0;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(PARALLEL);
    try {
      // Batches of hostile requests in parallel, a normal request after each batch.
      for (int from = 0; from < corpus.size(); from += NORMAL_EVERY) {
        List<HostileCorpus.Entry> batch =
            corpus.subList(from, Math.min(corpus.size(), from + NORMAL_EVERY));
        List<java.util.concurrent.Future<String>> results = new ArrayList<>();
        for (HostileCorpus.Entry entry : batch) {
          results.add(pool.submit(() -> replay(client, entry, failures, slow)));
        }
        for (int i = 0; i < batch.size(); i++) {
          outcomes
              .computeIfAbsent(batch.get(i).category(), c -> new TreeMap<>())
              .merge(results.get(i).get(), 1, Integer::sum);
        }
        normalRequestsAreServed(client, batch.get(batch.size() - 1));
        normals++;
      }
    } finally {
      pool.shutdownNow();
    }
    normalRequestsAreServed(client, null);
    long millis = (System.nanoTime() - started) / 1_000_000;

    Map<String, Integer> total = new TreeMap<>();
    outcomes
        .values()
        .forEach(byOutcome -> byOutcome.forEach((k, v) -> total.merge(k, v, Integer::sum)));
    System.out.printf(
        "hostile corpus: %d requests (+%d normal checks) in %d ms; outcomes %s; by category %s%n",
        corpus.size(), normals + 1, millis, total, outcomes);
    slow.forEach(s -> System.out.println("slow: " + s));

    String promql = promqlProblems();
    assertAll(
        () ->
            assertTrue(
                failures.isEmpty(),
                failures.size()
                    + " hostile request(s) did not get the answer their corpus line expects (a 4xx, or a"
                    + " closed connection for protocol abuse; never a 5xx or a hang):\n  "
                    + String.join("\n  ", failures)
                    + "\nadapter log:\n"
                    + stack.adapter().logTail()),
        () -> assertEquals("", promql));
  }

  /** Sends one corpus request; returns its outcome ("404", "closed", "hang"). */
  private static String replay(
      RawHttps client, HostileCorpus.Entry entry, List<String> failures, List<String> slow)
      throws IOException {
    try {
      RawHttps.Outcome answer = client.exchange(entry.request(client.host()), entry.isHead());
      if (answer.millis() > 1_000) {
        slow.add(answer.millis() + " ms: " + entry.describe());
      }
      if (!entry.accepts(answer.status())) {
        failures.add(entry.describe() + "\n    got " + answer.describe());
      }
      return answer.closed() ? "closed" : Integer.toString(answer.status());
    } catch (RawHttps.HangException e) {
      failures.add(entry.describe() + "\n    got a hang: " + e.getMessage());
      return "hang";
    }
  }

  /** Normal requests keep being served between hostile ones. */
  private static void normalRequestsAreServed(RawHttps client, HostileCorpus.Entry after)
      throws IOException {
    String context = after == null ? "at the end" : "after " + after.describe();
    RawHttps.Outcome ready = client.exchange(get("/readyz", client), false);
    assertEquals(200, ready.status(), "/readyz " + context + ": " + ready.describe());
    RawHttps.Outcome values = client.exchange(get(NORMAL, client), false);
    assertEquals(200, values.status(), NORMAL + " " + context + ": " + values.describe());
    assertTrue(
        values.body().contains("\"kind\":\"MetricValueList\""),
        NORMAL + " " + context + ": " + values.describe());
  }

  private static byte[] get(String path, RawHttps client) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + client.host() + "\r\nConnection: close\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static String abbreviated(String text) {
    return text.length() > 400 ? text.substring(0, 400) + "..." : text;
  }

  /**
   * What is wrong with the calls the stub Prometheus recorded; empty when every PromQL query is a
   * template rendering with request text only inside escaped, quoted matcher values.
   */
  private static String promqlProblems() {
    List<Recorded> recorded = prometheus.recorded();
    List<String> problems = new ArrayList<>();
    int queries = 0;
    int listings = 0;
    int largest = 0;
    for (Recorded request : recorded) {
      switch (request.path()) {
        case "/api/v1/series" -> {
          for (String match : request.all("match[]")) {
            if (!SERIES_QUERIES.contains(match)) {
              // Standalone mode lists the objects of a wildcard request from series.
              listings++;
              List<String> wrong = PromQlShape.seriesProblems(match);
              if (!wrong.isEmpty()) {
                problems.add(wrong + " in series selector " + abbreviated(match));
              }
            }
          }
        }
        case "/api/v1/query" -> {
          if (request.all("query").size() != 1) {
            problems.add("query call without exactly one query: " + request.params().keySet());
          }
          for (String query : request.all("query")) {
            queries++;
            List<String> wrong = PromQlShape.problems(query);
            if (!wrong.isEmpty()) {
              problems.add(wrong + " in " + abbreviated(query));
            } else {
              largest = Math.max(largest, PromQlShape.matcherCount(query));
            }
          }
        }
        default ->
            problems.add("unexpected Prometheus call " + request.method() + " " + request.path());
      }
    }
    System.out.printf(
        "stub Prometheus: %d calls, %d queries, %d object listings, largest query %d matchers%n",
        recorded.size(), queries, listings, largest);
    // The check must not pass vacuously: the corpus's legal-but-odd selectors reach Prometheus,
    // including ones with thousands of terms.
    if (queries < 100) {
      problems.add("only " + queries + " queries reached the stub Prometheus");
    }
    if (largest < 2000) {
      problems.add("no query with thousands of matchers was checked (largest: " + largest + ")");
    }
    return problems.isEmpty()
        ? ""
        : "PromQL sent to Prometheus must be a template rendering with every piece of request text"
            + " inside an escaped, quoted matcher value:\n  "
            + String.join("\n  ", problems);
  }
}
