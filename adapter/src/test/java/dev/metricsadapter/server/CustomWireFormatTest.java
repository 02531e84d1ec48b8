package dev.metricsadapter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.provider.MetricValue;
import dev.metricsadapter.provider.MetricValue.ObjectReference;
import dev.metricsadapter.query.LabelSelector;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact bytes of {@code MetricValueList}, field order included. */
class CustomWireFormatTest {

  private static final Instant T0 = Instant.parse("2026-08-21T10:15:30.250Z");
  private static final Instant T1 = Instant.parse("2026-08-21T10:15:31Z");

  private static MetricValue value(
      String name, String namespace, LabelSelector selector, Instant at) {
    return new MetricValue(
        new ObjectReference("Pod", namespace, name, "/v1"),
        "http_requests_per_second",
        selector,
        at,
        new BigDecimal("2.5"));
  }

  @Test
  void v1beta2WithoutSelector() {
    String body =
        CustomWireFormat.metricValueList(
                "v1beta2",
                List.of(
                    value("web-1", "demo", LabelSelector.parse(""), T0),
                    value("web-2", "demo", LabelSelector.parse(""), T1)))
            .toString();

    assertEquals(
        "{\"kind\":\"MetricValueList\",\"apiVersion\":\"custom.metrics.k8s.io/v1beta2\","
            + "\"metadata\":{},\"items\":["
            + "{\"describedObject\":{\"kind\":\"Pod\",\"namespace\":\"demo\",\"name\":\"web-1\","
            + "\"apiVersion\":\"/v1\"},\"metric\":{\"name\":\"http_requests_per_second\","
            + "\"selector\":null},\"timestamp\":\"2026-08-21T10:15:30Z\",\"value\":\"2500m\"},"
            + "{\"describedObject\":{\"kind\":\"Pod\",\"namespace\":\"demo\",\"name\":\"web-2\","
            + "\"apiVersion\":\"/v1\"},\"metric\":{\"name\":\"http_requests_per_second\","
            + "\"selector\":null},\"timestamp\":\"2026-08-21T10:15:31Z\",\"value\":\"2500m\"}]}",
        body);
  }

  @Test
  void v1beta1WithEveryKindOfRequirementSortedByKeyAndNoNamespace() {
    LabelSelector selector =
        LabelSelector.parse(
            "code=200,code==500,method!=GET,path in (a1,b2),tier notin (x),canary,!debug,"
                + "size>3,age<9");

    String body =
        CustomWireFormat.metricValueList("v1beta1", List.of(value("node-1", null, selector, T0)))
            .toString();

    assertEquals(
        "{\"kind\":\"MetricValueList\",\"apiVersion\":\"custom.metrics.k8s.io/v1beta1\","
            + "\"metadata\":{},\"items\":[{\"describedObject\":{\"kind\":\"Pod\","
            + "\"name\":\"node-1\",\"apiVersion\":\"/v1\"},"
            + "\"metricName\":\"http_requests_per_second\",\"timestamp\":\"2026-08-21T10:15:30Z\","
            + "\"value\":\"2500m\",\"selector\":{\"matchLabels\":{\"code\":\"500\"},"
            + "\"matchExpressions\":["
            + "{\"key\":\"age\",\"operator\":\"Lt\",\"values\":[\"9\"]},"
            + "{\"key\":\"canary\",\"operator\":\"Exists\"},"
            + "{\"key\":\"debug\",\"operator\":\"DoesNotExist\"},"
            + "{\"key\":\"method\",\"operator\":\"NotIn\",\"values\":[\"GET\"]},"
            + "{\"key\":\"path\",\"operator\":\"In\",\"values\":[\"a1\",\"b2\"]},"
            + "{\"key\":\"size\",\"operator\":\"Gt\",\"values\":[\"3\"]},"
            + "{\"key\":\"tier\",\"operator\":\"NotIn\",\"values\":[\"x\"]}]}}]}",
        body);
  }

  @Test
  void escapesTextAndStaysValidJson() {
    LabelSelector selector = LabelSelector.parse("quote=a");
    String body =
        CustomWireFormat.metricValueList(
                "v1beta2",
                List.of(
                    new MetricValue(
                        new ObjectReference("Service", "demo", "web\"\\\u00e9", "/v1"),
                        "m",
                        selector,
                        T0,
                        BigDecimal.ONE)))
            .toString();

    JsonObject item = new JsonObject(body).getJsonArray("items").getJsonObject(0);
    assertEquals("web\"\\\u00e9", item.getJsonObject("describedObject").getString("name"));
    assertEquals(
        "a",
        item.getJsonObject("metric")
            .getJsonObject("selector")
            .getJsonObject("matchLabels")
            .getString("quote"));
  }

  @Test
  void anEmptyList() {
    assertEquals(
        "{\"kind\":\"MetricValueList\",\"apiVersion\":\"custom.metrics.k8s.io/v1beta2\","
            + "\"metadata\":{},\"items\":[]}",
        CustomWireFormat.metricValueList("v1beta2", List.of()).toString());
  }
}
