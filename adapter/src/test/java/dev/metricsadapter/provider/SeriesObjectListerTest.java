package dev.metricsadapter.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.metricsadapter.kube.ObjectLister.MetricSource;
import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.query.SelectorException;
import org.junit.jupiter.api.Test;

/** The series selector standalone object listing sends to Prometheus. */
class SeriesObjectListerTest {

  private static final MetricSource PODS =
      new MetricSource("http_requests_total", "pod", "namespace");

  @Test
  void selectsTheSeriesOfTheNamespaceMatchingTheSelectorWithANonEmptyResourceLabel() {
    assertEquals(
        "{__name__=\"http_requests_total\",namespace=\"demo\",app=\"web\",tier!=\"db\",pod!=\"\"}",
        SeriesObjectLister.match("demo", LabelSelector.parse("app=web,tier!=db"), PODS));
    assertEquals(
        "{__name__=\"http_requests_total\",pod!=\"\"}",
        SeriesObjectLister.match(null, LabelSelector.parse(""), PODS));
  }

  @Test
  void setsAreEscapedRegexAlternationsAndExistenceIsEmptiness() {
    assertEquals(
        "{__name__=\"http_requests_total\",namespace=\"demo\",app=~\"a\\\\.b|c\",track=\"\","
            + "zone!=\"\",pod!=\"\"}",
        SeriesObjectLister.match("demo", LabelSelector.parse("app in (a.b,c),!track,zone"), PODS));
  }

  @Test
  void selectorKeysThatAreNoPrometheusLabelNamesAreRejected() {
    assertThrows(
        SelectorException.class,
        () ->
            SeriesObjectLister.match(
                "demo", LabelSelector.parse("app.kubernetes.io/name=web"), PODS));
  }
}
