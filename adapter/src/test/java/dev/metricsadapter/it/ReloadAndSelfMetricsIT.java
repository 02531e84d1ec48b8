package dev.metricsadapter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.testing.AdapterUnderTest;
import dev.metricsadapter.testing.RealPrometheus;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rules reloaded from a ConfigMap-style directory (symlink swaps of {@code ..data}) while requests
 * keep flowing, an invalid change kept out, and the adapter's own metrics scraped by Prometheus.
 */
class ReloadAndSelfMetricsIT {

  private static final String RULE =
      """
      rules:
      - seriesQuery: '{__name__="http_requests_total",namespace!="",pod!=""}'
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        name: {matches: ^(.*)_total$, as: "%s"}
        metricsQuery: sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)
      """;
  private static final String PODS = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/";

  @RegisterExtension
  static final AdapterUnderTest stack =
      AdapterUnderTest.withRules(ReloadAndSelfMetricsIT::writeConfigMap)
          .flags("--metrics-relist-interval=1m");

  private static Path configMap;
  private static RealPrometheus scraper;
  private static int generation;

  /** A ConfigMap-style directory whose rules.yaml serves {@code http_requests_per_second}. */
  private static Path writeConfigMap(Path dir) throws IOException {
    configMap = Files.createDirectories(dir.resolve("config"));
    publish(RULE.formatted("${1}_per_second"));
    Files.createSymbolicLink(configMap.resolve("rules.yaml"), Path.of("..data/rules.yaml"));
    return configMap;
  }

  @BeforeAll
  static void startScraper() throws IOException {
    // A second Prometheus scrapes the adapter: the first holds future-dated backfill, which makes
    // it refuse freshly scraped samples as out of bounds.
    scraper =
        RealPrometheus.start(
            Files.createDirectories(stack.dir().resolve("scraper")),
            null,
            """
            global: {scrape_interval: 1s}
            scrape_configs:
            - job_name: metrics-adapter
              scheme: https
              tls_config: {insecure_skip_verify: true}
              static_configs: [{targets: ['127.0.0.1:%d']}]
            """
                .formatted(stack.adapter().url().getPort()));
  }

  /** Writes a new ..data directory and swaps the ..data link to it, as the kubelet does. */
  private static void publish(String rules) throws IOException {
    Path data = Files.createDirectory(configMap.resolve("..gen-" + ++generation));
    Files.writeString(data.resolve("rules.yaml"), rules);
    Path link = configMap.resolve("..data_tmp");
    Files.createSymbolicLink(link, data.getFileName());
    Files.move(
        link,
        configMap.resolve("..data"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  @AfterAll
  static void stopScraper() {
    if (scraper != null) {
      scraper.close();
    }
  }

  @Test
  void reloadsUnderLoadKeepsTheLastGoodRulesAndReportsItself() throws Exception {
    assertEquals(200, stack.adapter().get(PODS + "http_requests_per_second").statusCode());
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger served = new AtomicInteger();
    ExecutorService load = Executors.newFixedThreadPool(4);
    List<Future<?>> clients =
        java.util.stream.IntStream.range(0, 4)
            .mapToObj(
                i ->
                    load.submit(
                        () -> {
                          while (running.get()) {
                            try {
                              int status =
                                  stack
                                      .adapter()
                                      .get("/apis/custom.metrics.k8s.io/v1beta2")
                                      .statusCode();
                              if (status != 200) {
                                failures.incrementAndGet();
                              }
                              served.incrementAndGet();
                            } catch (Exception e) {
                              failures.incrementAndGet();
                            }
                          }
                          return null;
                        }))
            .<Future<?>>map(f -> f)
            .toList();
    try {
      for (int burst = 1; burst <= 4; burst++) {
        publish(RULE.formatted("${1}_burst_" + burst));
      }
      publish(RULE.formatted("${1}_rate"));
      Awaitility.await("the last of rapid successive changes is served")
          .atMost(Duration.ofSeconds(30))
          .until(() -> stack.adapter().get(PODS + "http_requests_rate").statusCode() == 200);
      assertEquals(404, stack.adapter().get(PODS + "http_requests_per_second").statusCode());
      assertEquals(404, stack.adapter().get(PODS + "http_requests_burst_4").statusCode());

      publish(
          RULE.formatted("${1}_rate").replace("metricsQuery: sum", "metricsQuery: <<.Bogus>> sum"));
      Awaitility.await("the failed reload is reported")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  stack.adapter().get("/readyz?verbose").body().contains("the last reload failed"));
      HttpResponse<String> ready = stack.adapter().get("/readyz?verbose");
      assertEquals(200, ready.statusCode(), ready.body());
      assertEquals(200, stack.adapter().get(PODS + "http_requests_rate").statusCode());
      assertTrue(stack.adapter().log().contains("<<.Bogus>>"), "every error is logged");
    } finally {
      running.set(false);
      for (Future<?> client : clients) {
        client.get(30, TimeUnit.SECONDS);
      }
      load.shutdownNow();
    }
    System.out.printf(
        "reload under load: %d requests served, %d failed%n", served.get(), failures.get());
    assertEquals(0, failures.get(), "requests failed during reloads");
    assertTrue(served.get() > 0);

    String metrics = stack.adapter().get("/metrics").body();
    assertTrue(
        metrics.contains("metrics_adapter_config_reloads_total{outcome=\"failure\",} 1.0"),
        metrics);
    assertTrue(metrics.contains("metrics_adapter_config_last_reload_successful 0.0"), metrics);
    assertTrue(
        metrics.contains(
            "metrics_adapter_prometheus_requests_total{endpoint=\"query\",outcome=\"success\",}"),
        metrics);
    assertTrue(
        metrics.contains(
            "metrics_adapter_api_requests_total{group=\"custom.metrics.k8s.io\",version=\"v1beta2\",kind=\"objects\",code=\"200\",}"),
        metrics);
    assertTrue(metrics.contains("jvm_memory_bytes_used"), metrics);

    HttpClient http = HttpClient.newHttpClient();
    Awaitility.await("Prometheus scraped the adapter")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              String body =
                  http.send(
                          HttpRequest.newBuilder(
                                  URI.create(
                                      scraper.url()
                                          + "/api/v1/query?query=metrics_adapter_discovery_metrics"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body();
              return new JsonObject(body).getJsonObject("data").getJsonArray("result").size() > 0;
            });
  }
}
