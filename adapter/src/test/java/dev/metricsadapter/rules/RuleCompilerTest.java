package dev.metricsadapter.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.metricsadapter.resources.BuiltinResourceMapper;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleCompilerTest {

  private static CompiledRules compile(String yaml) {
    return new RuleCompiler(new BuiltinResourceMapper())
        .compile(new RuleConfigParser().parse(List.of(new RuleDocument("rules/http.yaml", yaml))));
  }

  /** A file whose third rule (line 14 onwards) is the one under test. */
  private static String thirdRule(String body) {
    String filler =
        """
        - seriesQuery: '{__name__="a"}'
          metricsQuery: sum(<<.Series>>)
        """;
    return "# comment\n\n\nrules:\n" + filler + "\n\n\n\n" + filler + "\n\n" + body;
  }

  static Stream<Arguments> invalidRules() {
    return Stream.of(
        Arguments.of(
            "as_required_with_two_groups",
            thirdRule(
                """
                - seriesQuery: '{__name__=~"^http_.*"}'
                  name:
                    matches: ^(http)_(.*)_total$
                  metricsQuery: sum(<<.Series>>)
                """),
            "rules/http.yaml:16: rules[2].name.as: required when 'matches' has 2 capture groups:"
                + " say which to use, e.g. \"${1}_${2}\" (rule with seriesQuery"
                + " {__name__=~\"^http_.*\"})"),
        Arguments.of(
            "invalid_matches_regex",
            thirdRule(
                """
                - seriesQuery: s
                  name: {matches: "^(unclosed"}
                  metricsQuery: sum(<<.Series>>)
                """),
            "rules/http.yaml:16: rules[2].name.matches: invalid regular expression \"^(unclosed\":"
                + " missing closing ) (rule with seriesQuery s)"),
        Arguments.of(
            "lookahead_is_not_re2",
            thirdRule(
                """
                - seriesQuery: s
                  seriesFilters:
                  - isNot: ^foo(?=bar)
                  metricsQuery: sum(<<.Series>>)
                """),
            "rules/http.yaml:17: rules[2].seriesFilters[0].isNot: invalid regular expression"
                + " \"^foo(?=bar)\": invalid or unsupported Perl syntax (rule with seriesQuery s)"),
        Arguments.of(
            "unsupported_template_construct_is_quoted",
            thirdRule(
                """
                - seriesQuery: s
                  metricsQuery: sum(<<.Series>>{namespace="<<.Namespace>>"})
                """),
            "rules/http.yaml:16: rules[2].metricsQuery: unknown field \".Namespace\" in"
                + " \"<<.Namespace>>\"; supported: <<.GroupBy>>, <<.GroupBySlice>>,"
                + " <<.LabelMatchers>>, <<.LabelValuesByName>>, <<.Series>>,"
                + " <<index .LabelValuesByName \"label\">> (rule with seriesQuery s)"),
        Arguments.of(
            "go_template_control_flow_is_not_supported",
            thirdRule(
                """
                - seriesQuery: s
                  metricsQuery: <<if .GroupBy>>sum by (<<.GroupBy>>)<<end>> (<<.Series>>)
                """),
            "rules/http.yaml:16: rules[2].metricsQuery: unsupported template construct"
                + " \"<<if .GroupBy>>\"; supported: <<.GroupBy>>, <<.GroupBySlice>>,"
                + " <<.LabelMatchers>>, <<.LabelValuesByName>>, <<.Series>>,"
                + " <<index .LabelValuesByName \"label\">> (rule with seriesQuery s)"),
        Arguments.of(
            "resource_template_needs_resource",
            thirdRule(
                """
                - seriesQuery: s
                  resources: {template: "kube_<<.Group>>"}
                  metricsQuery: sum(<<.Series>>)
                """),
            "rules/http.yaml:16: rules[2].resources.template: the template \"kube_<<.Group>>\""
                + " must contain <<.Resource>> (rule with seriesQuery s)"),
        Arguments.of(
            "resource_template_must_render_label_names",
            thirdRule(
                """
                - seriesQuery: s
                  resources: {template: "kube-<<.Resource>>"}
                  metricsQuery: sum(<<.Series>>)
                """),
            "rules/http.yaml:16: rules[2].resources.template: the template \"kube-<<.Resource>>\""
                + " produces label names such as \"kube-deployment\" that are not valid Prometheus"
                + " label names (rule with seriesQuery s)"),
        Arguments.of(
            "override_label_must_be_a_label_name",
            thirdRule(
                """
                - seriesQuery: s
                  resources:
                    overrides:
                      kubernetes.pod: {resource: pod}
                  metricsQuery: sum(<<.Series>>)
                """),
            "rules/http.yaml:18: rules[2].resources.overrides.kubernetes.pod: override label"
                + " \"kubernetes.pod\" is not a valid Prometheus label name (rule with seriesQuery"
                + " s)"),
        Arguments.of(
            "unclosed_action",
            thirdRule(
                """
                - seriesQuery: s
                  metricsQuery: sum(<<.Series)
                """),
            "rules/http.yaml:16: rules[2].metricsQuery: unclosed action starting at"
                + " \"<<.Series)\" (rule with seriesQuery s)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRules")
  void reportsCompileErrorsAtTheOffendingLine(String name, String yaml, String expected) {
    RuleConfigException failure = assertThrows(RuleConfigException.class, () -> compile(yaml));
    assertEquals(
        List.of(expected), failure.problems().stream().map(ConfigProblem::toString).toList());
  }

  @Test
  void reportsErrorsOfAllRulesTogether() {
    RuleConfigException failure =
        assertThrows(
            RuleConfigException.class,
            () ->
                compile(
                    """
                    rules:
                    - seriesQuery: a
                      name: {matches: "(a)(b)"}
                      metricsQuery: x
                    externalRules:
                    - seriesQuery: b
                      metricsQuery: <<.Nope>>
                    """));
    assertEquals(List.of(3, 7), failure.problems().stream().map(ConfigProblem::line).toList());
  }

  @Test
  void warnsWhenAsReferencesAGroupNamedLikeANumber() {
    CompiledRules rules =
        compile(
            """
            rules:
            - seriesQuery: s
              name:
                matches: ^(.*)_total$
                as: $1_per_second
              metricsQuery: sum(<<.Series>>)
            """);
    assertEquals(
        List.of(
            "rules/http.yaml:5: rules[0].name.as: '$1_per_second' refers to a group named"
                + " '1_per_second' that 'matches' does not define, so it expands to nothing; Go"
                + " reads '$1_per_second' as the group named '1_per_second', write"
                + " '${1}_per_second' (rule with seriesQuery s)"),
        rules.warnings().stream().map(ConfigProblem::toString).toList());
  }

  @Test
  void keepsARuleWhoseSeriesQueryIsNotASelectorAndListsItAtItsLine() {
    CompiledRules rules =
        compile(
            """
            rules:
            - seriesQuery: '{__name__="ok"}'
              metricsQuery: sum(<<.Series>>)
            - metricsQuery: sum(<<.Series>>)
              seriesQuery: 'http_requests_total{namespace!=""'
            """);
    assertEquals(2, rules.rules().size());
    assertEquals(List.of(), rules.warnings());
    assertEquals(
        List.of(
            "rules/http.yaml:5: rules[1].seriesQuery: not a valid series selector: missing '}' at"
                + " column 34 of `http_requests_total{namespace!=\"\"`"),
        rules.invalidSelectors().stream().map(ConfigProblem::toString).toList());
    assertEquals(rules.invalidSelectors(), rules.loadWarnings());
  }

  @Test
  void warnsWhenAsReferencesAMissingGroup() {
    CompiledRules rules =
        compile(
            """
            rules:
            - seriesQuery: s
              name: {matches: ^(.*)_total$, as: "${2}_x"}
              metricsQuery: sum(<<.Series>>)
            """);
    assertEquals(
        "rules/http.yaml:3: rules[0].name.as: '$2' refers to capture group 2 but 'matches' has"
            + " 1; it expands to nothing (rule with seriesQuery s)",
        rules.warnings().get(0).toString());
  }

  @Test
  void warnsAboutOverridesTheMapperDoesNotKnow() {
    CompiledRules rules =
        compile(
            """
            rules:
            - seriesQuery: s
              resources:
                overrides:
                  so: {group: keda.sh, resource: scaledobject}
              metricsQuery: sum(<<.Series>>)
            """);
    assertEquals(
        "rules/http.yaml:5: rules[0].resources.overrides.so: resource 'scaledobject' in group"
            + " 'keda.sh' is not known to the resource mapper; series are not associated through"
            + " label 'so' until it is (rule with seriesQuery s)",
        rules.warnings().get(0).toString());
    assertEquals(1, rules.rules().size());
  }

  @Test
  void compilesResourceRulesAndChecksTheContainerLabel() {
    String yaml =
        """
        resourceRules:
          cpu:
            containerQuery: sum(rate(c{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>)
            nodeQuery: sum(rate(n{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>)
            containerLabel: container
          memory:
            containerQuery: sum(m{<<.LabelMatchers>>}) by (<<.GroupBy>>)
            nodeQuery: sum(m{<<.LabelMatchers>>}) by (<<.Nodes>>)
            containerLabel: container-name
          window: 5m
        """;
    RuleConfigException failure = assertThrows(RuleConfigException.class, () -> compile(yaml));
    assertEquals(
        List.of(
            "rules/http.yaml:8: resourceRules.memory.nodeQuery: unknown field \".Nodes\" in"
                + " \"<<.Nodes>>\"; supported: <<.GroupBy>>, <<.GroupBySlice>>,"
                + " <<.LabelMatchers>>, <<.LabelValuesByName>>, <<.Series>>,"
                + " <<index .LabelValuesByName \"label\">>",
            "rules/http.yaml:9: resourceRules.memory.containerLabel: containerLabel \"container-name\" is not a"
                + " valid Prometheus label name"),
        failure.problems().stream().map(ConfigProblem::toString).toList());
  }
}
