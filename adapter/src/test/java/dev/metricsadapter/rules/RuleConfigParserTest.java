package dev.metricsadapter.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleConfigParserTest {

  private static final String VALID_RULE =
      """
      - seriesQuery: '{__name__="x_total"}'
        metricsQuery: sum(<<.Series>>)
      """;

  private static RuleConfig parse(String yaml) {
    return new RuleConfigParser().parse(List.of(new RuleDocument("r.yaml", yaml)));
  }

  private static List<String> errors(String yaml) {
    return failure(new RuleDocument("r.yaml", yaml)).problems().stream()
        .map(ConfigProblem::toString)
        .toList();
  }

  private static RuleConfigException failure(RuleDocument... documents) {
    return assertThrows(
        RuleConfigException.class, () -> new RuleConfigParser().parse(List.of(documents)));
  }

  @Test
  void readsEveryFieldOfADiscoveryRule() {
    RuleConfig config =
        parse(
            """
            rules:
            - seriesQuery: '{__name__=~"^http_.*",namespace!=""}'
              seriesFilters:
              - is: ^http_
              - isNot: _seconds_total$
              resources:
                template: kube_<<.Resource>>
                overrides:
                  ns: {resource: namespace}
                  app: {group: apps, resource: deployment}
              name:
                matches: ^(.*)_total$
                as: ${1}_per_second
              metricsQuery: sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)
            """);
    DiscoveryRule rule = config.rules().get(0);
    assertEquals("{__name__=~\"^http_.*\",namespace!=\"\"}", rule.seriesQuery());
    assertEquals(
        List.of(
            new SeriesFilterSpec("^http_", true), new SeriesFilterSpec("_seconds_total$", false)),
        rule.seriesFilters());
    assertEquals("kube_<<.Resource>>", rule.resources().template());
    assertEquals(List.of("ns", "app"), List.copyOf(rule.resources().overrides().keySet()));
    assertEquals(
        new GroupResourceRef("apps", "deployment"), rule.resources().overrides().get("app"));
    assertEquals(new NameSpec("^(.*)_total$", "${1}_per_second"), rule.name());
    assertEquals(
        new RuleOrigin("r.yaml", 2, "rules", 0, rule.origin().fieldLines()), rule.origin());
    assertEquals(13, rule.origin().lineOf("name.as"));
    assertEquals(10, rule.origin().lineOf("resources.overrides.app"));
    assertTrue(config.externalRules().isEmpty());
    assertTrue(config.resourceRules().isEmpty());
  }

  @Test
  void externalRulesDefaultToNamespacedAndHonourFalse() {
    RuleConfig config =
        parse(
            """
            externalRules:
            - seriesQuery: '{__name__="queue_depth"}'
              metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>})
            - seriesQuery: '{__name__="queue_depth"}'
              resources: {namespaced: false}
              metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>})
            """);
    assertTrue(config.externalRules().get(0).resources().namespaced());
    assertEquals(false, config.externalRules().get(1).resources().namespaced());
  }

  @Test
  void readsResourceRules() {
    RuleConfig config =
        parse(
            """
            resourceRules:
              cpu:
                containerQuery: sum(rate(c{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>)
                nodeQuery: sum(rate(n{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>)
                resources: {overrides: {instance: {resource: node}}}
                containerLabel: container
              memory:
                containerQuery: sum(m{<<.LabelMatchers>>}) by (<<.GroupBy>>)
                nodeQuery: sum(m{<<.LabelMatchers>>}) by (<<.GroupBy>>)
                containerLabel: container
              window: 1h30m
            """);
    ResourceRules rules = config.resourceRules().orElseThrow();
    assertEquals(Duration.ofMinutes(90), rules.window());
    assertEquals("container", rules.cpu().containerLabel());
    assertEquals(
        new GroupResourceRef("", "node"), rules.cpu().resources().overrides().get("instance"));
  }

  @Test
  void emptyFileAndNullSectionsMeanNoRules() {
    assertTrue(parse("").rules().isEmpty());
    assertTrue(parse("rules:\nexternalRules: ~\n").externalRules().isEmpty());
  }

  static Stream<Arguments> invalidFiles() {
    return Stream.of(
        Arguments.of(
            "unknown_top_level_key",
            "rules: []\nrule: []\n",
            "r.yaml:2: rule: unknown key (allowed here: externalRules, resourceRules, rules)"),
        Arguments.of(
            "unknown_rule_key_names_line",
            "rules:\n- seriesQuery: '{a=\"b\"}'\n  metricQuery: x\n  metricsQuery: x\n",
            "r.yaml:3: rules[0].metricQuery: unknown key (allowed here: metricsQuery, name,"
                + " resources, seriesFilters, seriesQuery)"),
        Arguments.of(
            "duplicate_key",
            "rules:\n- seriesQuery: a\n  metricsQuery: x\n  metricsQuery: y\n",
            "r.yaml:4: rules[0].metricsQuery: duplicate key (first defined at line 3)"),
        Arguments.of(
            "duplicate_override_label",
            "rules:\n- seriesQuery: a\n  metricsQuery: x\n  resources:\n    overrides:\n"
                + "      pod: {resource: pod}\n      pod: {resource: pods}\n",
            "r.yaml:7: rules[0].resources.overrides.pod: duplicate key"),
        Arguments.of(
            "string_expected",
            "rules:\n- seriesQuery: [a]\n  metricsQuery: x\n",
            "r.yaml:2: rules[0].seriesQuery: expected a string but found a list"),
        Arguments.of(
            "list_expected",
            "rules: {seriesQuery: a}\n",
            "r.yaml:1: rules: expected a list but found a mapping"),
        Arguments.of(
            "boolean_expected",
            "externalRules:\n- seriesQuery: a\n  metricsQuery: x\n  resources: {namespaced: maybe}\n",
            "r.yaml:4: externalRules[0].resources.namespaced: expected true or false but found"
                + " \"maybe\""),
        Arguments.of(
            "missing_series_query",
            "rules:\n- metricsQuery: x\n",
            "r.yaml:2: rules[0].seriesQuery: required: the Prometheus series selector used for"
                + " discovery"),
        Arguments.of(
            "empty_metrics_query_names_series_query",
            "rules:\n- seriesQuery: '{a=\"b\"}'\n  metricsQuery: ''\n",
            "r.yaml:3: rules[0].metricsQuery: required: the PromQL template that computes the"
                + " metric (rule with seriesQuery {a=\"b\"})"),
        Arguments.of(
            "filter_with_both",
            "rules:\n- seriesQuery: s\n  metricsQuery: x\n  seriesFilters:\n  - {is: a, isNot: b}\n",
            "r.yaml:5: rules[0].seriesFilters[0]: cannot have both an 'is' and an 'isNot'"
                + " expression in one filter (rule with seriesQuery s)"),
        Arguments.of(
            "filter_with_neither",
            "rules:\n- seriesQuery: s\n  metricsQuery: x\n  seriesFilters:\n  - {}\n",
            "r.yaml:5: rules[0].seriesFilters[0]: needs exactly one of 'is' or 'isNot' (rule with"
                + " seriesQuery s)"),
        Arguments.of(
            "override_without_resource",
            "rules:\n- seriesQuery: s\n  metricsQuery: x\n  resources:\n    overrides:\n"
                + "      pod: {group: apps}\n",
            "r.yaml:6: rules[0].resources.overrides.pod.resource: required: the Kubernetes"
                + " resource this label names"),
        Arguments.of(
            "namespaced_not_allowed_in_resource_rules",
            "resourceRules:\n  cpu: {containerQuery: a, nodeQuery: b, containerLabel: c,"
                + " resources: {namespaced: true}}\n"
                + "  memory: {containerQuery: a, nodeQuery: b, containerLabel: c}\n  window: 1m\n",
            "r.yaml:2: resourceRules.cpu.resources.namespaced: unknown key (allowed here:"
                + " overrides, template)"),
        Arguments.of(
            "resource_rules_bad_window",
            "resourceRules:\n  cpu: {containerQuery: a, nodeQuery: b, containerLabel: c}\n"
                + "  memory: {containerQuery: a, nodeQuery: b, containerLabel: c}\n  window: 5 min\n",
            "r.yaml:4: resourceRules.window: not a duration: \"5 min\" (expected e.g. 30s, 5m or"
                + " 1h30m)"),
        Arguments.of(
            "resource_rules_missing_memory",
            "resourceRules:\n  cpu: {containerQuery: a, nodeQuery: b, containerLabel: c}\n"
                + "  window: 1m\n",
            "r.yaml:2: resourceRules.memory: required: queries for memory usage"),
        Arguments.of(
            "invalid_yaml",
            "rules:\n- seriesQuery: 'unterminated\n",
            "r.yaml:3: invalid YAML: found unexpected end of stream"),
        Arguments.of(
            "two_documents",
            "rules: []\n---\nrules: []\n",
            "r.yaml:3: a rule file holds one YAML document, found 2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void reportsStructuralErrorsWithFileLineAndPath(String name, String yaml, String expected) {
    assertEquals(List.of(expected), errors(yaml));
  }

  @Test
  void reportsEveryErrorOfEveryFileTogether() {
    RuleConfigException failure =
        failure(
            new RuleDocument("a.yaml", "rules:\n- seriesQuery: s\n  bogus: 1\n"),
            new RuleDocument("b.yaml", "externalRules:\n- metricsQuery: m\n"));
    assertEquals(
        List.of(
            "a.yaml:2: rules[0].metricsQuery: required: the PromQL template that computes the"
                + " metric (rule with seriesQuery s)",
            "a.yaml:3: rules[0].bogus: unknown key (allowed here: metricsQuery, name, resources,"
                + " seriesFilters, seriesQuery)",
            "b.yaml:2: externalRules[0].seriesQuery: required: the Prometheus series selector used"
                + " for discovery"),
        failure.problems().stream().map(ConfigProblem::toString).toList());
    assertTrue(failure.getMessage().startsWith("3 errors in the rule configuration:\na.yaml:2:"));
  }

  @Test
  void mergesDocumentsInOrderAndKeepsEachRulesOrigin() {
    RuleConfig config =
        new RuleConfigParser()
            .parse(
                List.of(
                    new RuleDocument("10-first.yaml", "rules:\n" + VALID_RULE),
                    new RuleDocument("20-second.yaml", "\n\nrules:\n" + VALID_RULE + VALID_RULE)));
    assertEquals(
        List.of(
            "10-first.yaml:2 rules[0]", "20-second.yaml:4 rules[0]", "20-second.yaml:6 rules[1]"),
        config.rules().stream().map(r -> r.origin().toString()).toList());
  }

  @Test
  void resourceRulesMayBeDefinedOnlyOnce() {
    String resourceRules =
        "resourceRules:\n  cpu: {containerQuery: a, nodeQuery: b, containerLabel: c}\n"
            + "  memory: {containerQuery: a, nodeQuery: b, containerLabel: c}\n  window: 1m\n";
    RuleConfigException failure =
        failure(
            new RuleDocument("a.yaml", resourceRules), new RuleDocument("b.yaml", resourceRules));
    assertEquals(
        "b.yaml:2: resourceRules: already defined at a.yaml:2; define resourceRules in one file"
            + " only",
        failure.problems().get(0).toString());
  }
}
