package dev.metricsadapter.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's regexp.Expand rules, checked through {@link MetricNamer} (series name, matches, as). */
class GoExpansionTest {

  @ParameterizedTest(name = "{0}: {2} / {3} -> \"{4}\"")
  @CsvSource(
      delimiter = '#',
      value = {
        "braced_index # http_requests_total # ^(.*)_total$ # ${1}_per_second # http_requests_per_second",
        "unbraced_index_alone # http_requests_total # ^(.*)_total$ # $1 # http_requests",
        "index_then_underscore_is_a_name # http_requests_total # ^(.*)_total$ # $1_per_second # ''",
        "index_then_dash_ends_name # http_requests_total # ^(.*)_total$ # $1-rate # http_requests-rate",
        "whole_match # xhttp_total # http_total # $0 # http_total",
        "go_named_group # http_requests_total # ^(?P<base>.*)_total$ # ${base}_rate # http_requests_rate",
        "go_named_group_unbraced # http_requests_total # ^(?P<base>.*)_total$ # $base # http_requests",
        "named_group_by_index # http_requests_total # ^(?P<base>.*)_total$ # ${1} # http_requests",
        "unknown_name_is_empty # http_requests_total # ^(?P<base>.*)_total$ # x${nope}y # xy",
        "dollar_dollar_is_literal # http_requests_total # ^(.*)_total$ # $$${1} # $http_requests",
        "malformed_brace_is_text # http_requests_total # ^(.*)_total$ # ${1 # ${1",
        "lone_dollar_is_text # http_requests_total # ^(.*)_total$ # a$ # a$",
        "dollar_punct_is_text # http_requests_total # ^(.*)_total$ # a$-b # a$-b",
        "leading_zero_is_a_name # http_requests_total # ^(.*)_total$ # ${01}x # x",
        "out_of_range_index # http_requests_total # ^(.*)_total$ # ${2}x # x",
        "unmatched_optional_group # abc # ^(a)(z)?(bc)$ # ${1}${2}${3} # abc",
        "unanchored_search_keeps_only_expansion # my_http_total_x # http_(.*)_x$ # ${1} # total",
        "two_groups # my_horse_very # my_([^_]+)_([^_]+) # ${1}_is_${2} # horse_is_very",
        "unicode_letter_extends_unbraced_name # ab # ^(a)b$ # $1é # ''",
      })
  void expandsLikeGo(String name, String series, String matches, String as, String expected) {
    assertEquals(
        expected, MetricNamer.compile(new NameSpec(matches, as)).metricName(series).orElse(""));
  }
}
