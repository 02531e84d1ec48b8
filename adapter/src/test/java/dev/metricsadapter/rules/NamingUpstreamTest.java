package dev.metricsadapter.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cases from prometheus-adapter's naming tests ({@code metric_name_converter_test.go}), regex
 * matcher tests ({@code regex_matcher_test.go}) and series filterer tests ({@code
 * series_filterer_test.go}), plus the names the default config's rules give.
 */
class NamingUpstreamTest {

  // ---------------------------------------------------------------------------------------------
  // Section 3: name.matches / name.as.
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> namingCases() {
    return Stream.of(
        Arguments.of("no_mapping_unaltered_1", "", "", "my_series", "my_series"),
        Arguments.of("no_mapping_unaltered_2", "", "", "your_series", "your_series"),
        Arguments.of(
            "one_capture_group_with_as",
            "my_(.*)",
            "your_$1",
            "my_requests_per_second",
            "your_requests_per_second"),
        Arguments.of(
            "multi_capture_groups_with_as_1",
            "my_([^_]+)_([^_]+)",
            "your_${1}_is_${2}_large",
            "my_horse_very",
            "your_horse_is_very_large"),
        Arguments.of(
            "multi_capture_groups_with_as_2",
            "my_([^_]+)_([^_]+)",
            "your_${1}_is_${2}_large",
            "my_dog_not",
            "your_dog_is_not_large"),
        Arguments.of("as_inferred_single_group", "my_(.+)", "", "my_test_metric", "test_metric"),
        Arguments.of("as_inferred_no_group", "my_metric", "", "my_metric", "my_metric"),
        // Names the default config's rules give (section 14 rules, `as` left empty).
        Arguments.of(
            "default_container_seconds_total",
            "^container_(.*)_seconds_total$",
            "",
            "container_some_time_seconds_total",
            "some_time"),
        Arguments.of(
            "default_container_total",
            "^container_(.*)_total$",
            "",
            "container_some_count_total",
            "some_count"),
        Arguments.of(
            "default_container_gauge",
            "^container_(.*)$",
            "",
            "container_some_usage",
            "some_usage"),
        Arguments.of(
            "default_gauge_service_proxy_packets",
            "",
            "",
            "service_proxy_packets",
            "service_proxy_packets"),
        Arguments.of("default_gauge_node_gigawatts", "", "", "node_gigawatts", "node_gigawatts"),
        Arguments.of(
            "default_counter_ingress_hits",
            "^(.*)_total$",
            "",
            "ingress_hits_total",
            "ingress_hits"),
        Arguments.of(
            "default_counter_volume_claims",
            "^(.*)_total$",
            "",
            "volume_claims_total",
            "volume_claims"),
        Arguments.of(
            "default_seconds_counter_work_queue_wait",
            "^(.*)_seconds_total$",
            "",
            "work_queue_wait_seconds_total",
            "work_queue_wait"),
        Arguments.of(
            "default_seconds_counter_node_fan",
            "^(.*)_seconds_total$",
            "",
            "node_fan_seconds_total",
            "node_fan"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namingCases")
  void metricName(String name, String matches, String as, String series, String expected) {
    MetricNamer namer = MetricNamer.compile(new NameSpec(matches, as));
    assertEquals(Optional.of(expected), namer.metricName(series));
  }

  // Adapted: upstream returns the error `series name "<name>" did not match expected pattern`;
  // our namer answers "no name" and the series is skipped (the implicit name filter drops it
  // first).
  static Stream<Arguments> namingMismatchCases() {
    return Stream.of(
        Arguments.of("series_not_matching_pattern", "my_(.*)", "your_$1", "their_requests"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namingMismatchCases")
  void metricNameForMismatch(String name, String matches, String as, String series) {
    MetricNamer namer = MetricNamer.compile(new NameSpec(matches, as));
    assertFalse(namer.matches(series));
    assertEquals(Optional.empty(), namer.metricName(series));
  }

  static Stream<Arguments> namingErrorCases() {
    return Stream.of(
        Arguments.of("as_not_inferable_error_1", "my_([^_]+)_([^_]+)", ""),
        Arguments.of("as_not_inferable_error_2", "my_([^_]+)_([^_]+)", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namingErrorCases")
  void namerConstructionFails(String name, String matches, String as) {
    NameSpec spec = new NameSpec(matches, as);
    assertThrows(IllegalArgumentException.class, () -> MetricNamer.compile(spec));
  }

  // ---------------------------------------------------------------------------------------------
  // Section 4: one is/isNot filter (unanchored). The "both is and isNot" error is a parser error.
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> filterCases() {
    return Stream.of(
        Arguments.of("is_matches", new SeriesFilterSpec("my_.*", true), "my_label", true),
        Arguments.of("is_rejects", new SeriesFilterSpec("my_.*", true), "your_label", false),
        Arguments.of("is_not_rejects", new SeriesFilterSpec("my_.*", false), "my_label", false),
        Arguments.of("is_not_matches", new SeriesFilterSpec("my_.*", false), "your_label", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filterCases")
  void seriesFilter(String name, SeriesFilterSpec spec, String series, boolean expected) {
    assertEquals(expected, SeriesFilter.compile(spec).keeps(series));
  }

  // ---------------------------------------------------------------------------------------------
  // Section 5: several filters, all of which must keep a series.
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> filtererCases() {
    return Stream.of(
        Arguments.of(
            "positive_filter",
            List.of(new SeriesFilterSpec("one_of_(yes|positive|ok)", true)),
            List.of("one_of_yes", "one_of_no"),
            List.of("one_of_yes")),
        Arguments.of(
            "negative_filter",
            List.of(new SeriesFilterSpec("one_of_(yes|positive|ok)", false)),
            List.of("one_of_yes", "one_of_no"),
            List.of("one_of_no")),
        Arguments.of(
            "add_requirement_initial",
            List.of(new SeriesFilterSpec("series_\\d+", true)),
            List.of("series_1", "series_2", "series_3"),
            List.of("series_1", "series_2", "series_3")),
        Arguments.of(
            "add_requirement_after_adding_filter",
            List.of(
                new SeriesFilterSpec("series_\\d+", true),
                new SeriesFilterSpec("series_[2-3]", true)),
            List.of("series_1", "series_2", "series_3"),
            List.of("series_2", "series_3")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filtererCases")
  void seriesFilterer(
      String name, List<SeriesFilterSpec> specs, List<String> series, List<String> expected) {
    List<SeriesFilter> filters = specs.stream().map(SeriesFilter::compile).toList();
    List<String> kept =
        series.stream().filter(s -> filters.stream().allMatch(f -> f.keeps(s))).toList();
    assertEquals(expected, kept);
  }
}
