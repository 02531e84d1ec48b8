package dev.metricsadapter.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cases from prometheus-adapter's {@code pkg/naming/metrics_query_test.go} (Build and
 * BuildExternal) and the query-part operator matrix of {@code
 * pkg/external-provider/query_builder_test.go}, re-expressed through {@link MetricsQuery} and
 * {@link QueryInput}.
 *
 * <p>Upstream's mock resource converter returns the resource name as the label, so the namespace
 * label is {@code namespaces} and the resource label is {@code resource}.
 */
class MetricsQueryUpstreamTest {

  private static final String NAMESPACE_LABEL = "namespaces";
  private static final String RESOURCE_LABEL = "resource";

  private static final String MATRIX_TEMPLATE = "rate(<<.Series>>{<<.LabelMatchers>>}[2m])";
  private static final String MATRIX_SERIES = "my_series";

  // ---------------------------------------------------------------------------------------------
  // Section 1a: Build (custom metrics): series, resource names, namespace, extra group-by,
  // selector.
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> buildCases() {
    return Stream.of(
        // Upstream passes an empty resource and no names; we simply add no resource matcher.
        Arguments.of(
            "build_series",
            "series <<.Series>>",
            "foo",
            null,
            List.of(),
            List.of(),
            "",
            "series foo"),
        Arguments.of(
            "build_label_matchers_multiple_names",
            "<<.LabelMatchers>>",
            "",
            null,
            List.of("bar", "baz"),
            List.of(),
            "",
            "resource=~\"bar|baz\""),
        Arguments.of(
            "build_label_matchers_single_name",
            "<<.LabelMatchers>>",
            "",
            null,
            List.of("bar"),
            List.of(),
            "",
            "resource=\"bar\""),
        Arguments.of(
            "build_label_matchers_with_metric_filter",
            "<<.LabelMatchers>>",
            "",
            null,
            List.of("bar"),
            List.of(),
            "metric1=value1",
            "metric1=\"value1\",resource=\"bar\""),
        Arguments.of(
            "build_label_values_by_name_single",
            "<<index .LabelValuesByName \"resource\">>",
            "",
            null,
            List.of("bar"),
            List.of(),
            "",
            "bar"),
        Arguments.of(
            "build_label_values_by_name_multiple",
            "<<index .LabelValuesByName \"resource\">>",
            "",
            null,
            List.of("bar", "baz"),
            List.of(),
            "",
            "bar|baz"),
        Arguments.of(
            "build_label_values_by_name_with_namespace",
            "<<index .LabelValuesByName \"namespaces\">> <<index .LabelValuesByName \"resource\">>",
            "",
            "default",
            List.of("bar", "baz"),
            List.of(),
            "",
            "default bar|baz"),
        // Adapted (zero names): upstream builds with no names; QueryInput requires at least one
        // name for a resource, so one name is given. The template does not print matchers, so the
        // expected output is upstream's.
        Arguments.of(
            "build_group_by_single",
            "<<.GroupBy>>",
            "",
            null,
            List.of("bar"),
            List.of(),
            "",
            "resource"),
        // Adapted (zero names): as build_group_by_single.
        Arguments.of(
            "build_group_by_multiple",
            "<<.GroupBy>>",
            "",
            null,
            List.of("bar"),
            List.of("extra", "groups"),
            "",
            "resource,extra,groups"),
        // Adapted (zero names): as build_group_by_single. GroupBySlice prints as Go prints a slice.
        Arguments.of(
            "build_group_by_slice_single",
            "<<.GroupBySlice>>",
            "",
            null,
            List.of("bar"),
            List.of(),
            "",
            "[resource]"),
        // Adapted (zero names): as build_group_by_single. GroupBySlice prints as Go prints a slice.
        Arguments.of(
            "build_group_by_slice_multiple",
            "<<.GroupBySlice>>",
            "",
            null,
            List.of("bar"),
            List.of("extra", "groups"),
            "",
            "[resource extra groups]"),
        // Adapted (regex escaping): upstream joins several names unescaped, so "a.b" would also
        // match "aXb"; we regex-escape each name.
        Arguments.of(
            "build_label_matchers_multiple_names_regex_escaped",
            "<<.LabelMatchers>>",
            "",
            null,
            List.of("a.b", "c"),
            List.of(),
            "",
            "resource=~\"a\\\\.b|c\""),
        // Adapted (regex escaping): a single name is an exact match and needs no escaping.
        Arguments.of(
            "build_label_matchers_single_name_not_escaped",
            "<<.LabelMatchers>>",
            "",
            null,
            List.of("a.b"),
            List.of(),
            "",
            "resource=\"a.b\""),
        // Adapted (regex escaping): LabelValuesByName holds the raw names, joined with '|'.
        Arguments.of(
            "build_label_values_by_name_not_escaped",
            "<<index .LabelValuesByName \"resource\">>",
            "",
            null,
            List.of("a.b", "c"),
            List.of(),
            "",
            "a.b|c"),
        // Selector matchers first (sorted by key), then the namespace, then the resource.
        Arguments.of(
            "build_label_matchers_with_namespace_and_metric_filter",
            "<<.LabelMatchers>>",
            "",
            "default",
            List.of("bar", "baz"),
            List.of(),
            "metric1=value1",
            "metric1=\"value1\",namespaces=\"default\",resource=~\"bar|baz\""));
  }

  /**
   * The input for {@code series} with {@code selector} and {@code groupBy}; in {@code namespace}
   * unless null.
   */
  private static QueryInput input(
      String series, String namespace, List<String> groupBy, String selector) {
    QueryInput input =
        QueryInput.of(series)
            .withMetricSelector(LabelSelector.parse(selector))
            .withExtraGroupBy(groupBy);
    return namespace == null ? input : input.withNamespace(NAMESPACE_LABEL, namespace);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("buildCases")
  void build(
      String name,
      String template,
      String series,
      String namespace,
      List<String> names,
      List<String> extraGroupBy,
      String selector,
      String expected) {
    QueryInput input = input(series, namespace, extraGroupBy, selector);
    if (!names.isEmpty()) {
      input = input.withResource(RESOURCE_LABEL, names);
    }
    assertEquals(expected, MetricsQuery.compile(template).render(input));
  }

  // Adapted (zero names): upstream's Build emits `resource=""` for zero names (a quirk); we reject
  // an empty name list when the input is built.
  static Stream<Arguments> zeroNameCases() {
    return Stream.of(Arguments.of("build_label_matchers_zero_names", List.<String>of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("zeroNameCases")
  void zeroResourceNamesAreRejected(String name, List<String> names) {
    QueryInput input = QueryInput.of("");
    assertThrows(IllegalArgumentException.class, () -> input.withResource(RESOURCE_LABEL, names));
  }

  // ---------------------------------------------------------------------------------------------
  // Section 1b: BuildExternal: series, namespace, group-by, selector. No resource.
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> buildExternalCases() {
    return Stream.of(
        Arguments.of("ext_series", "series <<.Series>>", "foo", null, List.of(), "", "series foo"),
        // Our GroupBy and GroupBySlice come from one list; upstream passes them separately.
        Arguments.of("ext_group_by_single", "<<.GroupBy>>", "", null, List.of("foo"), "", "foo"),
        Arguments.of(
            "ext_group_by_slice_multiple",
            "<<.GroupBySlice>>",
            "",
            null,
            List.of("foo", "bar"),
            "",
            "[foo bar]"),
        Arguments.of(
            "ext_group_by_slice_with_namespace",
            "<<index .LabelValuesByName \"namespaces\">> <<.GroupBySlice>>",
            "",
            "default",
            List.of("foo", "bar"),
            "",
            "default [foo bar]"),
        // namespaced=false: the namespace is not added, so the map lookup prints nothing and the
        // leading space stays.
        Arguments.of(
            "ext_group_by_slice_with_namespace_disabled",
            "<<index .LabelValuesByName \"namespaces\">> <<.GroupBySlice>>",
            "",
            null,
            List.of("foo", "bar"),
            "",
            " [foo bar]"),
        Arguments.of(
            "ext_label_matchers_single",
            "<<.LabelMatchers>>",
            "",
            null,
            List.of(),
            "foo=bar",
            "foo=\"bar\""),
        Arguments.of(
            "ext_label_matchers_single_with_namespace",
            "<<.LabelMatchers>>",
            "",
            "default",
            List.of(),
            "foo=bar",
            "foo=\"bar\",namespaces=\"default\""),
        Arguments.of(
            "ext_label_matchers_multiple",
            "<<.LabelMatchers>>",
            "",
            null,
            List.of(),
            "foo=bar,qux in (bar,baz)",
            "foo=\"bar\",qux=~\"bar|baz\""),
        // LabelValuesByName printed whole is Go's map format.
        Arguments.of(
            "ext_label_values_by_name_single",
            "<<.LabelValuesByName>>",
            "",
            null,
            List.of(),
            "foo=bar",
            "map[foo:bar]"),
        Arguments.of(
            "ext_label_values_by_name_in",
            "<<.LabelValuesByName>>",
            "",
            null,
            List.of(),
            "foo in (bar,baz)",
            "map[foo:bar|baz]"),
        // Go's map format sorts keys; requirements are sorted by key whatever the input order.
        Arguments.of(
            "ext_label_values_by_name_with_namespace_sorted",
            "<<.LabelValuesByName>>",
            "",
            "default",
            List.of(),
            "qux=a,foo in (baz,bar)",
            "map[foo:bar|baz namespaces:default qux:a]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("buildExternalCases")
  void buildExternal(
      String name,
      String template,
      String series,
      String namespace,
      List<String> groupBy,
      String selector,
      String expected) {
    assertEquals(
        expected,
        MetricsQuery.compile(template).render(input(series, namespace, groupBy, selector)));
  }

  // ---------------------------------------------------------------------------------------------
  // Section 2: the operator matrix, for the cells a parsed Kubernetes selector can reach.
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> operatorCases() {
    return Stream.of(
        Arguments.of(
            "equals_one_value",
            MATRIX_TEMPLATE,
            "target_label=one",
            List.of(),
            "rate(my_series{target_label=\"one\"}[2m])"),
        Arguments.of(
            "double_equals_one_value",
            MATRIX_TEMPLATE,
            "target_label==one",
            List.of(),
            "rate(my_series{target_label=\"one\"}[2m])"),
        Arguments.of(
            "not_equals_one_value",
            MATRIX_TEMPLATE,
            "target_label!=one",
            List.of(),
            "rate(my_series{target_label!=\"one\"}[2m])"),
        Arguments.of(
            "in_one_value",
            MATRIX_TEMPLATE,
            "target_label in (one)",
            List.of(),
            "rate(my_series{target_label=~\"one\"}[2m])"),
        Arguments.of(
            "in_multiple_values",
            MATRIX_TEMPLATE,
            "target_label in (one,two)",
            List.of(),
            "rate(my_series{target_label=~\"one|two\"}[2m])"),
        Arguments.of(
            "notin_one_value",
            MATRIX_TEMPLATE,
            "target_label notin (one)",
            List.of(),
            "rate(my_series{target_label!~\"one\"}[2m])"),
        Arguments.of(
            "notin_multiple_values",
            MATRIX_TEMPLATE,
            "target_label notin (one,two)",
            List.of(),
            "rate(my_series{target_label!~\"one|two\"}[2m])"),
        Arguments.of(
            "exists_no_values",
            MATRIX_TEMPLATE,
            "target_label",
            List.of(),
            "rate(my_series{target_label!=\"\"}[2m])"),
        Arguments.of(
            "does_not_exist_no_values",
            MATRIX_TEMPLATE,
            "!target_label",
            List.of(),
            "rate(my_series{target_label=\"\"}[2m])"),
        Arguments.of(
            "query_with_group_by",
            "sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)",
            "target_label in (one,two)",
            List.of("my_grouping"),
            "sum(rate(my_series{target_label=~\"one|two\"}[2m])) by (my_grouping)"),
        // Kubernetes sorts set values, so the written order does not matter.
        Arguments.of(
            "in_multiple_values_unsorted",
            MATRIX_TEMPLATE,
            "target_label in (two,one)",
            List.of(),
            "rate(my_series{target_label=~\"one|two\"}[2m])"),
        // Adapted (regex escaping): upstream joins set values unescaped; we regex-escape them.
        Arguments.of(
            "in_multiple_values_regex_escaped",
            MATRIX_TEMPLATE,
            "target_label in (a.b,two)",
            List.of(),
            "rate(my_series{target_label=~\"a\\\\.b|two\"}[2m])"),
        // Adapted (regex escaping): upstream passes a single `in` value through raw, as a regex;
        // we escape it, so it matches only itself.
        Arguments.of(
            "in_one_value_regex_escaped",
            MATRIX_TEMPLATE,
            "target_label in (a.b)",
            List.of(),
            "rate(my_series{target_label=~\"a\\\\.b\"}[2m])"),
        // Adapted (regex escaping): as in_multiple_values_regex_escaped, for notin.
        Arguments.of(
            "notin_multiple_values_regex_escaped",
            MATRIX_TEMPLATE,
            "target_label notin (a.b,two)",
            List.of(),
            "rate(my_series{target_label!~\"a\\\\.b|two\"}[2m])"),
        // Equality values are exact matches and are not escaped.
        Arguments.of(
            "equals_one_value_not_escaped",
            MATRIX_TEMPLATE,
            "target_label=a.b",
            List.of(),
            "rate(my_series{target_label=\"a.b\"}[2m])"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operatorCases")
  void operatorMatrix(
      String name, String template, String selector, List<String> groupBy, String expected) {
    QueryInput input =
        QueryInput.of(MATRIX_SERIES)
            .withMetricSelector(LabelSelector.parse(selector))
            .withExtraGroupBy(groupBy);
    assertEquals(expected, MetricsQuery.compile(template).render(input));
  }

  static Stream<Arguments> operatorErrorCases() {
    return Stream.of(
        // PromQL has no numeric comparison of label values.
        Arguments.of("greater_than_one_value", "target_label>1"),
        Arguments.of("less_than_one_value", "target_label<1"),
        // The selector parser rejects these before a query is built.
        Arguments.of("greater_than_no_values", "target_label>"),
        Arguments.of("less_than_no_values", "target_label<"),
        Arguments.of("in_no_values", "target_label in ()"),
        Arguments.of("notin_no_values", "target_label notin ()"),
        Arguments.of("bad_query_parts_empty_label", "=one"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operatorErrorCases")
  void operatorMatrixErrors(String name, String selector) {
    MetricsQuery query = MetricsQuery.compile(MATRIX_TEMPLATE);
    assertThrows(
        SelectorException.class,
        () ->
            query.render(
                QueryInput.of(MATRIX_SERIES).withMetricSelector(LabelSelector.parse(selector))));
  }
}
