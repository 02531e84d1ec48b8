package dev.metricsadapter.it;

import static dev.metricsadapter.testing.MetricValueLists.objectNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.testing.AdapterUnderTest;
import dev.metricsadapter.testing.DemoData;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Standalone wildcard requests list their objects from Prometheus' series: label values that cannot
 * name a pod are left out (and counted), and with {@code --serve-stale-for} a listing survives a
 * Prometheus outage like the values do.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneListingIT {

  private static final String RULES =
      """
      rules:
      - seriesQuery: '{__name__=~"^(http_requests|odd_names)_total$",namespace!="",pod!=""}'
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        name: {matches: "^(.*)_total$", as: "${1}_per_second"}
        metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)'
      """;
  private static final String PODS = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/";

  @RegisterExtension
  static final AdapterUnderTest stack =
      AdapterUnderTest.withRulesText(RULES)
          .data(StandaloneListingIT::demoDataAndOddNames)
          .flags("--cache-ttl=0s", "--serve-stale-for=5m", "--prometheus-timeout=3s");

  /** {@link DemoData} and a counter whose pod labels are web-1 and two that cannot name a pod. */
  private static String demoDataAndOddNames(Instant now) {
    String demo = DemoData.openMetrics(now);
    StringBuilder data = new StringBuilder(demo.substring(0, demo.lastIndexOf("# EOF")));
    data.append("# TYPE odd_names counter\n");
    for (long t = now.minusSeconds(3600).getEpochSecond();
        t <= now.getEpochSecond() + 3600;
        t += 15) {
      for (String pod : List.of("web-1", "Bad_Pod", "quote\\\"pod")) {
        data.append("odd_names_total{namespace=\"demo\",pod=\"")
            .append(pod)
            .append("\"} ")
            .append(t)
            .append(' ')
            .append(t)
            .append('\n');
      }
    }
    return data.append("# EOF\n").toString();
  }

  private static List<String> objects(String metric) throws Exception {
    return objectNames(new JsonObject(stack.adapter().getOk(PODS + metric).body()));
  }

  @Test
  @Order(1)
  void labelValuesThatCannotNameAPodAreLeftOutAndCounted() throws Exception {
    assertEquals(List.of("web-1"), objects("odd_names_per_second"));
    assertTrue(
        stack
            .adapter()
            .get("/metrics")
            .body()
            .contains("metrics_adapter_listing_invalid_names_total 2.0"),
        "two values left out");
  }

  @Test
  @Order(2)
  void aListingIsServedStaleWhilePrometheusIsDown() throws Exception {
    List<String> before = objects("http_requests_per_second");
    assertEquals(List.of("api-1", "web-1", "web-2"), before);
    stack.prometheus().stop();
    try {
      // Past the listings' own 5 s reuse: every answer must come from the stale fallback.
      Awaitility.await("the listing is answered from the stale fallback")
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                assertEquals(before, objects("http_requests_per_second"));
                return stack
                    .adapter()
                    .log()
                    .contains("answering failed object listings with results up to 5m0s old");
              });
      assertEquals(before, objects("http_requests_per_second"));
    } finally {
      stack.prometheus().start();
    }
  }
}
