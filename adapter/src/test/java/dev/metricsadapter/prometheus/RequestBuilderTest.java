package dev.metricsadapter.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.prometheus.PrometheusClientOptions.Verb;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestBuilderTest {

  private static final List<Map.Entry<String, String>> PARAMS =
      List.of(Map.entry("match[]", "{__name__=~\"a.+\", x!=\"\"}"), Map.entry("start", "12.500"));

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "http://prom:9090, http://prom:9090/api/v1/series?",
    "http://prom:9090/, http://prom:9090/api/v1/series?",
    "https://mimir/prometheus, https://mimir/prometheus/api/v1/series?",
    "https://mimir/prometheus//, https://mimir/prometheus/api/v1/series?",
    "https://mimir/prometheus?tenant=a, https://mimir/prometheus/api/v1/series?tenant=a&",
    "http://[::1]:9090/p?a=1&b=%20, http://[::1]:9090/p/api/v1/series?a=1&b=%20&",
  })
  void getKeepsPrefixAndBaseQuery(String base, String expectedStart) {
    PreparedRequest request =
        new RequestBuilder(URI.create(base), Verb.GET).build("/api/v1/series", PARAMS);

    assertEquals(HttpMethod.GET, request.method());
    assertEquals(
        expectedStart + "match%5B%5D=%7B__name__%3D%7E%22a.%2B%22%2C+x%21%3D%22%22%7D&start=12.500",
        request.url());
    assertEquals(Optional.empty(), request.form());
    assertEquals("/api/v1/series", request.endpoint());
  }

  @Test
  void postKeepsBaseQueryInUrlAndSendsParamsAsForm() {
    PreparedRequest request =
        new RequestBuilder(URI.create("https://mimir/prometheus?tenant=a"), Verb.POST)
            .build("/api/v1/query", List.of(Map.entry("query", "up"), Map.entry("time", "1.000")));

    assertEquals(HttpMethod.POST, request.method());
    assertEquals("https://mimir/prometheus/api/v1/query?tenant=a", request.url());
    assertEquals(Optional.of("query=up&time=1.000"), request.form());
  }

  @Test
  void postWithoutBaseQueryHasNoQueryString() {
    PreparedRequest request =
        new RequestBuilder(URI.create("http://prom:9090"), Verb.POST)
            .build("/api/v1/query", List.of(Map.entry("query", "up")));

    assertEquals("http://prom:9090/api/v1/query", request.url());
  }

  @Test
  void getSwitchesToPostJustAboveTheUrlLimit() {
    RequestBuilder builder = new RequestBuilder(URI.create("http://prom:9090"), Verb.GET);
    String prefix = "http://prom:9090/api/v1/query?query=";
    String fits = "x".repeat(RequestBuilder.MAX_GET_URL_LENGTH - prefix.length());

    PreparedRequest atLimit = builder.build("/api/v1/query", List.of(Map.entry("query", fits)));
    PreparedRequest aboveLimit =
        builder.build("/api/v1/query", List.of(Map.entry("query", fits + "x")));

    assertEquals(HttpMethod.GET, atLimit.method());
    assertEquals(RequestBuilder.MAX_GET_URL_LENGTH, atLimit.url().length());
    assertEquals(HttpMethod.POST, aboveLimit.method());
    assertEquals("http://prom:9090/api/v1/query", aboveLimit.url());
    assertEquals(Optional.of("query=" + fits + "x"), aboveLimit.form());
  }

  @ParameterizedTest(name = "{0} ms -> {1}")
  @CsvSource({
    "1712345678901, 1712345678.901",
    "1712345678000, 1712345678.000",
    "1712345678010, 1712345678.010",
    "0, 0.000",
    "5, 0.005",
  })
  void formatsTimesAsSecondsWithMillis(long millis, String expected) {
    assertEquals(expected, PrometheusTime.format(Instant.ofEpochMilli(millis)));
  }

  @ParameterizedTest(name = "{0} ms left -> timeout={1}")
  @CsvSource({"10000, 9500ms", "30000, 29500ms", "1000, 950ms", "19, 19ms", "1, 1ms", "0, 1ms"})
  void timeoutParameterLeavesHeadroom(long remaining, String expected) {
    assertEquals(expected, PrometheusTime.timeoutParameter(remaining));
  }
}
