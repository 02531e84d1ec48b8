package dev.metricsadapter.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.catalog.RuleSeries;
import dev.metricsadapter.catalog.Series;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.rules.CompiledRule;
import dev.metricsadapter.rules.RuleCompiler;
import dev.metricsadapter.rules.RuleConfigParser;
import dev.metricsadapter.rules.RuleDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What discovery keeps of one answer: per shape, the first series and how many had the shape. */
class DiscoveredSeriesTest {

  private static DiscoveredSeries listed(int pods) {
    DiscoveredSeries.Builder answer = new DiscoveredSeries.Builder();
    for (int i = 0; i < pods; i++) {
      answer.add(Map.of("__name__", "a", "namespace", "n" + (i % 7), "pod", "p" + i));
      if (i % 10 == 0) {
        answer.add(Map.of("__name__", "a", "namespace", "n", "pod", "p" + i, "container", "c"));
      }
    }
    answer.add(Map.of("__name__", "b", "node", "x"));
    return answer.build();
  }

  @Test
  void keepsPerShapeTheFirstSeriesWithItsValuesAndHowManyHadTheShape() {
    DiscoveredSeries answer = listed(100_000);

    assertEquals(
        List.of(
            new DiscoveredSeries.Shape(
                new Series("a", Map.of("namespace", "", "pod", "")),
                new Series("a", Map.of("namespace", "n0", "pod", "p0")),
                100_000),
            new DiscoveredSeries.Shape(
                new Series("a", Map.of("namespace", "", "pod", "", "container", "")),
                new Series("a", Map.of("namespace", "n", "pod", "p0", "container", "c")),
                10_000),
            new DiscoveredSeries.Shape(
                new Series("b", Map.of("node", "")), new Series("b", Map.of("node", "x")), 1)),
        answer.byShape());
    assertEquals(110_001, answer.count());
    assertEquals(
        answer.byShape().stream().map(DiscoveredSeries.Shape::shape).toList(), answer.shapes());
    assertEquals(
        answer.byShape().stream().map(DiscoveredSeries.Shape::first).toList(), answer.firsts());
  }

  @Test
  void aRulesSeriesAreTheShapesEachCountingItsSeries() {
    CompiledRule rule =
        new RuleCompiler(new BuiltinResourceMapper())
            .compile(
                new RuleConfigParser()
                    .parse(
                        List.of(
                            new RuleDocument(
                                "r.yaml",
                                "rules:\n- seriesQuery: a\n  metricsQuery: sum(<<.Series>>)\n"))))
            .rules()
            .get(0);
    DiscoveredSeries answer = listed(30);

    RuleSeries series = answer.of(rule);

    assertEquals(rule, series.rule());
    assertEquals(answer.shapes(), series.series());
    assertEquals(List.of(30L, 3L, 1L), series.counts());
    assertEquals(34, series.count());
    assertEquals(List.of(), DiscoveredSeries.NONE.of(rule).series());
    assertEquals(0, DiscoveredSeries.NONE.count());
  }
}
