package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdapterAnswersTest {

  /** Two pods, as the adapter answers pods/STAR/http_requests_per_second. */
  static final String LIST =
      """
      {"kind":"MetricValueList","apiVersion":"custom.metrics.k8s.io/v1beta2","metadata":{},
       "items":[
        {"describedObject":{"kind":"Pod","namespace":"demo","name":"demo-app-1","apiVersion":"v1"},
         "metric":{"name":"http_requests_per_second","selector":null},
         "timestamp":"2025-01-01T00:00:00Z","value":"12500m"},
        {"describedObject":{"kind":"Pod","namespace":"demo","name":"demo-app-2","apiVersion":"v1"},
         "metric":{"name":"http_requests_per_second"},
         "timestamp":"2025-01-01T00:00:00Z","value":"2"}]}
      """;

  static final String NOT_FOUND =
      """
      {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
       "message":"the server could not find the metric http_requests_per_second for pods",
       "reason":"NotFound","code":404}
      """;

  private static Map<String, Double> values(MetricReading reading) {
    Map<String, Double> values = new TreeMap<>();
    assertInstanceOf(MetricReading.Values.class, reading, reading.toString())
        .byPod()
        .forEach((pod, value) -> values.put(pod, value.doubleValue()));
    return values;
  }

  private static String failure(MetricReading reading) {
    return assertInstanceOf(MetricReading.Failure.class, reading, reading.toString()).message();
  }

  @Test
  void readsTheItemsOfAMetricValueList() {
    assertEquals(
        Map.of("demo-app-1", 12.5, "demo-app-2", 2.0), values(AdapterAnswers.read(200, LIST)));
  }

  @Test
  void anEmptyListOrOneWithoutItemsHasNoValues() {
    assertEquals(
        Map.of(), values(AdapterAnswers.read(200, "{\"kind\":\"MetricValueList\",\"items\":[]}")));
    assertEquals(
        Map.of(),
        values(AdapterAnswers.read(200, "{\"kind\":\"MetricValueList\",\"items\":null}")));
    assertEquals(Map.of(), values(AdapterAnswers.read(200, "{\"kind\":\"MetricValueList\"}")));
  }

  @Test
  void anErrorShowsTheStatusReasonAndMessage() {
    assertEquals(
        "HTTP 404 NotFound: the server could not find the metric http_requests_per_second for"
            + " pods",
        failure(AdapterAnswers.read(404, NOT_FOUND)));
    assertEquals(
        "HTTP 503: the adapter is starting",
        failure(
            AdapterAnswers.read(
                503, "{\"kind\":\"Status\",\"message\":\"the adapter is starting\"}")));
  }

  @Test
  void anErrorWithoutStatusShowsAnExcerptOfTheBody() {
    assertEquals(
        "HTTP 503: service unavailable",
        failure(AdapterAnswers.read(503, "service\nunavailable\n")));
    assertEquals("HTTP 500: (empty)", failure(AdapterAnswers.read(500, "")));
    String longBody = "x".repeat(500);
    assertEquals(
        "HTTP 502: " + "x".repeat(200) + "...", failure(AdapterAnswers.read(502, longBody)));
  }

  @Test
  void anInvalidValueIsAFailureNamingThePodAndTheValue() {
    String message = failure(AdapterAnswers.read(200, LIST.replace("\"2\"", "\"12x\"")));
    assertTrue(
        message.startsWith("the value of pod demo-app-2: '12x' is not a Kubernetes quantity"),
        message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON                                        | not a MetricValueList: not JSON",
        "[1,2]                                           | not a MetricValueList: [1,2]",
        "'{\"kind\":\"Status\",\"message\":\"m\"}'       | not a MetricValueList: {",
        "'{\"kind\":\"MetricValueList\",\"items\":{}}'   | the items of the MetricValueList are no list",
        "'{\"kind\":\"MetricValueList\",\"items\":[1]}'  | an item without describedObject.name or value: 1",
        "'{\"kind\":\"MetricValueList\",\"items\":[{\"value\":\"1\"}]}' | an item without describedObject.name",
        "'{\"kind\":\"MetricValueList\",\"items\":[{\"describedObject\":{\"name\":\"p\"},\"value\":1}]}' | an item without",
      })
  void aSuccessThatIsNoMetricValueListIsAFailureSayingSo(String body, String message) {
    String failure = failure(AdapterAnswers.read(200, body));
    assertTrue(failure.startsWith(message), failure);
  }
}
