package dev.metricsadapter.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorMatchTest {

  private static final Map<String, String> LABELS =
      Map.of("app", "web", "tier", "front", "replicas", "3");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '#',
      value = {
        "'' # true",
        "app=web # true",
        "app==api # false",
        "app!=api # true",
        "missing!=x # true",
        "tier in (front,back) # true",
        "tier notin (front) # false",
        "missing notin (x) # true",
        "app # true",
        "!app # false",
        "!missing # true",
        "replicas>2 # true",
        "replicas<3 # false",
        "app>1 # false",
        "app=web,tier=back # false",
      })
  void matchesLikeKubernetes(String selector, boolean expected) {
    assertEquals(expected, LabelSelector.parse(selector).matches(LABELS));
  }
}
