package dev.metricsadapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.app.CheckDryRun;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --prometheus-url} against a Vert.x stub of {@code /api/v1/series} on loopback. */
class CheckDryRunTest {

  private static final String RULES =
      """
      rules:
      - seriesQuery: '{__name__=~"^http_.*",namespace!=""}'
        seriesFilters: [{isNot: "_bucket$"}]
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        name: {matches: "^(.*)_total$", as: "${1}_per_second"}
        metricsQuery: sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)
      - seriesQuery: '{__name__=~"^http_.*",namespace!=""}'
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        name: {matches: "^http_requests_total$", as: "requests_per_second"}
        metricsQuery: sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)
      - seriesQuery: '{__name__=~"^http_.*",namespace!=""}'
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        name: {matches: "^http_(.*)_total$", as: "${1}_per_second"}
        metricsQuery: sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)
      externalRules:
      - seriesQuery: '{__name__="queue_depth"}'
        resources: {namespaced: false}
        metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>})
      """;

  private static final Map<String, List<Map<String, String>>> SERIES =
      Map.of(
          "{__name__=~\"^http_.*\",namespace!=\"\"}",
          List.of(
              Map.of("__name__", "http_requests_total", "namespace", "demo", "pod", "web-1"),
              Map.of("__name__", "http_requests_total", "namespace", "demo", "pod", "web-2"),
              Map.of("__name__", "http_latency_bucket", "namespace", "demo", "pod", "web-1"),
              Map.of("__name__", "http_inflight", "namespace", "demo", "job", "web")),
          "{__name__=\"queue_depth\"}",
          List.of(Map.of("__name__", "queue_depth", "queue", "jobs")));

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> queries = new CopyOnWriteArrayList<>();
  private final Map<String, String> headers = new ConcurrentHashMap<>();

  /** The HTTP status the stub answers a seriesQuery with, instead of its series. */
  private final Map<String, Integer> failing = new ConcurrentHashMap<>();

  private Vertx vertx;
  private HttpServer server;
  private Path rules;

  @BeforeEach
  void startStub() throws Exception {
    rules = Files.writeString(dir.resolve("rules.yaml"), RULES);
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  String match = request.getParam("match[]");
                  requests.add(
                      request.path() + " " + match + " start=" + request.getParam("start"));
                  request
                      .headers()
                      .forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
                  Integer status = failing.get(String.valueOf(match));
                  if (status != null) {
                    fail(request.response(), status);
                    return;
                  }
                  Object data;
                  if (request.path().endsWith("/query")) {
                    // The dry run's one query per rule: an empty vector.
                    queries.add(request.getParam("query"));
                    data =
                        new JsonObject().put("resultType", "vector").put("result", new JsonArray());
                  } else {
                    JsonArray series = new JsonArray();
                    SERIES
                        .getOrDefault(match, List.of())
                        .forEach(s -> series.add(new JsonObject(Map.copyOf(s))));
                    data = series;
                  }
                  request
                      .response()
                      .putHeader("content-type", "application/json")
                      .end(new JsonObject().put("status", "success").put("data", data).encode());
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  /** A refusal (400, Prometheus' bad_data error) or a proxy's plain-text error. */
  private static void fail(HttpServerResponse response, int status) {
    response.setStatusCode(status);
    if (status == 400) {
      response
          .putHeader("content-type", "application/json")
          .end(
              new JsonObject()
                  .put("status", "error")
                  .put("errorType", "bad_data")
                  .put("error", "parse error")
                  .encode());
    } else {
      response.putHeader("content-type", "text/plain").end("overloaded");
    }
  }

  @AfterEach
  void stopStub() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  private int run(String... args) {
    return ServeCommand.commandLine(options -> 0, CheckDryRun::open, request -> new JsonObject())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  /** The text report's last block: rules[1] and rules[2] both define requests_per_second. */
  private String definedTwice() {
    return "metrics defined twice:\n"
        + "  namespaces/requests_per_second (cluster-scoped): served by "
        + rules
        + ":7 rules[1] (series http_requests_total); also "
        + rules
        + ":11 rules[2] (series http_requests_total)\n"
        + "  pods/requests_per_second (namespaced): served by "
        + rules
        + ":7 rules[1] (series http_requests_total); also "
        + rules
        + ":11 rules[2] (series http_requests_total)\n";
  }

  @Test
  void textReportShowsEveryRuleItsMetricsDropsAndDuplicates() {
    assertEquals(
        0,
        run(
            "check",
            "--config=" + rules,
            "--prometheus-url=" + url(),
            "--prometheus-header=X-Scope-OrgID=tenant-a",
            "--metrics-max-age=5m"),
        err.toString());
    assertEquals("", err.toString());
    String http = "{__name__=~\"^http_.*\",namespace!=\"\"}";
    assertEquals(
        rules
            + ": valid (rules: 3, externalRules: 1, resourceRules: absent, warnings: 0)\n"
            + "dry run against "
            + url()
            + " (series of the last 5m0s): metrics: 4, external metrics: 1, defined twice: 2\n"
            + rules
            + ":2 rules[0] "
            + http
            + "\n"
            + "  series matched: 4, kept: 2, dropped: 2\n"
            + "  metric namespaces/http_requests_per_second (cluster-scoped)\n"
            + "  metric pods/http_requests_per_second (namespaced)\n"
            + "  dropped 1: removed by filter 'isNot: _bucket$' (http_latency_bucket)\n"
            + "  dropped 1: name did not match '^(.*)_total$' (http_inflight)\n"
            + rules
            + ":7 rules[1] "
            + http
            + "\n"
            + "  series matched: 4, kept: 2, dropped: 2\n"
            + "  metric namespaces/requests_per_second (cluster-scoped)\n"
            + "  metric pods/requests_per_second (namespaced)\n"
            + "  dropped 2: name did not match '^http_requests_total$'"
            + " (http_latency_bucket, http_inflight)\n"
            + rules
            + ":11 rules[2] "
            + http
            + "\n"
            + "  series matched: 4, kept: 2, dropped: 2\n"
            + "  metric namespaces/requests_per_second (cluster-scoped), not served: defined"
            + " earlier\n"
            + "  metric pods/requests_per_second (namespaced), not served: defined earlier\n"
            + "  dropped 2: name did not match '^http_(.*)_total$'"
            + " (http_latency_bucket, http_inflight)\n"
            + rules
            + ":16 externalRules[0] {__name__=\"queue_depth\"}\n"
            + "  series matched: 1, kept: 1, dropped: 0\n"
            + "  metric queue_depth (external)\n"
            + definedTwice(),
        out.toString());
    // One call per distinct seriesQuery (at once, in any order), with the header and a start 5
    // minutes back, then one query for each rule that serves a metric (rules[2] serves none:
    // rules[1] defines its one).
    assertEquals(
        List.of(
            "/api/v1/series", "/api/v1/series", "/api/v1/query", "/api/v1/query", "/api/v1/query"),
        requests.stream().map(r -> r.substring(0, r.indexOf(' '))).toList(),
        requests.toString());
    double expected = Instant.now().minusSeconds(300).getEpochSecond();
    Set<String> listed = new TreeSet<>();
    for (String series : requests.subList(0, 2)) {
      listed.add(series.substring(0, series.indexOf(" start=")));
      double start = Double.parseDouble(series.substring(series.indexOf("start=") + 6));
      assertTrue(Math.abs(start - expected) < 30, series);
    }
    assertEquals(
        Set.of("/api/v1/series " + http, "/api/v1/series {__name__=\"queue_depth\"}"), listed);
    assertEquals("tenant-a", headers.get("x-scope-orgid"));
  }

  @Test
  void jsonReportHasTheDocumentedShape() {
    assertEquals(
        0, run("check", "--config=" + rules, "--prometheus-url=" + url(), "--output=json"));
    assertEquals("", err.toString());
    JsonObject json = new JsonObject(out.toString());
    JsonObject dryRun = json.getJsonObject("dryRun");
    assertEquals(
        List.of(
            "prometheusUrl",
            "metricsMaxAge",
            "error",
            "refused",
            "summary",
            "rules",
            "duplicates",
            "warnings"),
        List.copyOf(dryRun.fieldNames()));
    assertEquals(url(), dryRun.getString("prometheusUrl"));
    assertEquals("1m0s", dryRun.getString("metricsMaxAge"));
    assertEquals(
        new JsonObject().put("metrics", 4).put("externalMetrics", 1).put("duplicates", 2),
        dryRun.getJsonObject("summary"));
    JsonObject first = dryRun.getJsonArray("rules").getJsonObject(0);
    assertEquals(
        new JsonObject()
            .put("rule", rules + ":2 rules[0]")
            .put("seriesQuery", "{__name__=~\"^http_.*\",namespace!=\"\"}")
            .put("seriesMatched", 4)
            .put("seriesKept", 2)
            .put(
                "metrics",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "http_requests_per_second")
                            .put("resource", "namespaces")
                            .put("namespaced", false)
                            .put("served", true))
                    .add(
                        new JsonObject()
                            .put("name", "http_requests_per_second")
                            .put("resource", "pods")
                            .put("namespaced", true)
                            .put("served", true)))
            .put(
                "dropped",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("reason", "removed by filter 'isNot: _bucket$'")
                            .put("count", 1)
                            .put("examples", new JsonArray().add("http_latency_bucket")))
                    .add(
                        new JsonObject()
                            .put("reason", "name did not match '^(.*)_total$'")
                            .put("count", 1)
                            .put("examples", new JsonArray().add("http_inflight"))))
            .put("notServed", new JsonArray()),
        first);
    assertEquals(List.copyOf(first.fieldNames()), List.copyOf(first.copy().fieldNames()));
    JsonObject external = dryRun.getJsonArray("rules").getJsonObject(3);
    assertEquals(
        new JsonObject()
            .put("name", "queue_depth")
            .putNull("resource")
            .put("namespaced", false)
            .put("served", true),
        external.getJsonArray("metrics").getJsonObject(0));
    JsonObject duplicate = dryRun.getJsonArray("duplicates").getJsonObject(1);
    assertEquals(
        new JsonObject()
            .put("metric", "pods/requests_per_second")
            .put("external", false)
            .put("namespaced", true)
            .put(
                "servedBy",
                new JsonObject()
                    .put("rule", rules + ":7 rules[1]")
                    .put("series", "http_requests_total"))
            .put(
                "alsoProducedBy",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("rule", rules + ":11 rules[2]")
                            .put("series", "http_requests_total")))
            .put("alsoProducedByCount", 1),
        duplicate);
    assertEquals(2, dryRun.getJsonArray("warnings").size());
  }

  /**
   * The sample queries name real objects: discovery keeps, per shape, the first series listed with
   * its label values (web-1 here, of the two pods sharing one shape).
   */
  @Test
  void theSampleQueriesAskForAnObjectDiscoveryListed() {
    assertEquals(0, run("check", "--config=" + rules, "--prometheus-url=" + url()), err.toString());
    assertEquals(
        List.of(
            "sum(rate(http_requests_total{namespace=\"demo\",pod=\"web-1\"}[2m])) by (pod)",
            "sum(rate(http_requests_total{namespace=\"demo\",pod=\"web-1\"}[2m])) by (pod)",
            "sum(queue_depth{})"),
        queries);
  }

  @Test
  void aSeriesQueryPrometheusRefusesIsItsRulesErrorAndTheOtherRulesStillDryRun() {
    failing.put("{__name__=\"queue_depth\"}", 400);
    assertEquals(1, run("check", "--config=" + rules, "--prometheus-url=" + url()));
    assertEquals(
        rules
            + ":16: externalRules[0].seriesQuery: Prometheus refused it: Prometheus /api/v1/series"
            + " failed: bad_data: parse error\n"
            + rules
            + ": dry run: Prometheus refused 1 queries\n",
        err.toString());
    String report = out.toString();
    assertTrue(
        report.contains(
            "dry run against "
                + url()
                + " (series of the last 1m0s): metrics: 4, external metrics: 0, defined twice: 2\n"),
        report);
    assertTrue(
        report.endsWith(
            rules
                + ":16 externalRules[0] {__name__=\"queue_depth\"}\n"
                + "  series matched: 0, kept: 0, dropped: 0\n"
                + definedTwice()),
        report);
    assertEquals(2, queries.size(), queries.toString());
  }

  /**
   * A seriesQuery that fails for another reason than a refusal stops the dry run, even when another
   * one was refused: the report would be incomplete.
   */
  @Test
  void aSeriesQueryThatFailsOtherwiseStopsTheDryRunWithExitThreeNamingIt() {
    String http = "{__name__=~\"^http_.*\",namespace!=\"\"}";
    failing.put(http, 400);
    failing.put("{__name__=\"queue_depth\"}", 503);
    assertEquals(3, run("check", "--config=" + rules, "--prometheus-url=" + url()));
    assertEquals(
        rules
            + ": dry run failed: cannot query Prometheus at "
            + url()
            + " (seriesQuery {__name__=\"queue_depth\"}): Prometheus /api/v1/series answered HTTP"
            + " 503: overloaded\n",
        err.toString());
    assertEquals(
        rules + ": valid (rules: 3, externalRules: 1, resourceRules: absent, warnings: 0)\n",
        out.toString());
    assertEquals(List.of(), queries);

    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    failing.remove(http);
    assertEquals(
        3, run("check", "--config=" + rules, "--prometheus-url=" + url(), "--output=json"));
    JsonObject dryRun = new JsonObject(out.toString()).getJsonObject("dryRun");
    assertEquals(
        "cannot query Prometheus at "
            + url()
            + " (seriesQuery {__name__=\"queue_depth\"}): Prometheus /api/v1/series answered HTTP"
            + " 503: overloaded",
        dryRun.getString("error"));
    assertEquals(new JsonArray(), dryRun.getJsonArray("refused"));
    assertEquals(new JsonArray(), dryRun.getJsonArray("rules"));
  }

  @Test
  void aClosedPortExitsThreeNamingTheUrl() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String closed = "http://127.0.0.1:" + port;
    assertEquals(
        3,
        run("check", "--config=" + rules, "--prometheus-url=" + closed, "--prometheus-timeout=2s"));
    assertTrue(out.toString().startsWith(rules + ": valid"), out.toString());
    assertTrue(
        err.toString().startsWith(rules + ": dry run failed: cannot query Prometheus at " + closed),
        err.toString());
    assertTrue(err.toString().contains("unreachable"), err.toString());

    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    assertEquals(
        3, run("check", "--config=" + rules, "--prometheus-url=" + closed, "--output=json"));
    assertEquals("", err.toString());
    JsonObject json = new JsonObject(out.toString());
    assertEquals(true, json.getBoolean("valid"));
    JsonObject dryRun = json.getJsonObject("dryRun");
    assertTrue(
        dryRun.getString("error").startsWith("cannot query Prometheus at " + closed),
        dryRun.encode());
    assertEquals(new JsonArray(), dryRun.getJsonArray("rules"));
  }

  @Test
  void invalidRulesAreNotDryRun() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "rules:\n- seriesQuery: s\n");
    assertEquals(1, run("check", "--config=" + bad, "--prometheus-url=" + url()));
    assertEquals(List.of(), requests);
    assertEquals("", out.toString());
  }
}
