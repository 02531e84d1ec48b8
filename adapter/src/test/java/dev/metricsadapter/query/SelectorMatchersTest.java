package dev.metricsadapter.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.metricsadapter.query.LabelMatcher.Operator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectorMatchersTest {

  private static String translate(String selector) {
    return SelectorMatchers.of(LabelSelector.parse(selector)).stream()
        .map(LabelMatcher::toString)
        .collect(Collectors.joining(","));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "equals # app=web # app=\"web\"",
        "double_equals # app==web # app=\"web\"",
        "not_equals # app!=web # app!=\"web\"",
        "in_one # tier in (front) # tier=~\"front\"",
        "in_sorted # tier in (web,api) # tier=~\"api|web\"",
        "in_escapes_dots # host in (a.example,b-c_d) # host=~\"a\\\\.example|b-c_d\"",
        "notin # tier notin (a.b,c) # tier!~\"a\\\\.b|c\"",
        "exists # canary # canary!=\"\"",
        "does_not_exist # !canary # canary=\"\"",
        "empty_value # app= # app=\"\"",
        "sorted_by_key # z=1,a=2,m in (x) # a=\"2\",m=~\"x\",z=\"1\"",
        "spaces_allowed # ' app = web , tier in ( a , b ) ' # app=\"web\",tier=~\"a|b\"",
        "empty_selects_all # '' # ''",
      })
  void translatesKubernetesSelectorsToPromQL(String name, String selector, String expected) {
    assertEquals(expected, translate(selector));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "greater_than # replicas>1 # operator \">\" in selector requirement \"replicas>1\" is not supported by Prometheus queries",
        "less_than # replicas<1 # operator \"<\" in selector requirement \"replicas<1\" is not supported by Prometheus queries",
        "key_not_a_label_name # app.kubernetes.io/name=web # label \"app.kubernetes.io/name\" in selector requirement \"app.kubernetes.io/name=web\" is not a valid Prometheus label name",
        "quote_in_value # app=we\"b # invalid label value \"we\"b\" in selector \"app=we\"b\": must be at most 63 characters of [A-Za-z0-9-_.], starting and ending with an alphanumeric character",
        "backslash_in_value # app=a\\b # invalid label value \"a\\b\" in selector \"app=a\\b\": must be at most 63 characters of [A-Za-z0-9-_.], starting and ending with an alphanumeric character",
        "brace_in_key # a}b=c # invalid label key \"a}b\" in selector \"a}b=c\": name part must be at most 63 characters of [A-Za-z0-9-_.], starting and ending with an alphanumeric character",
        "unclosed_set # tier in (a,b # invalid label selector \"tier in (a,b\" at position 12: expected \")\" to close the value set",
        "missing_operator # app web # invalid label selector \"app web\" at position 7: expected an operator (=, ==, !=, in, notin, <, >) but found \"web\"",
        "empty_set # tier in () # invalid label selector \"tier in ()\" at position 10: for 'in' and 'notin' the value set cannot be empty",
        "gt_needs_integer # a>b # invalid label selector \"a>b\" at position 3: operator > needs an integer, not \"b\"",
        "trailing_comma # app=web, # invalid label selector \"app=web,\" at position 8: expected a label key",
      })
  void rejectsWhatPromQLCannotSayOrKubernetesWouldReject(
      String name, String selector, String message) {
    assertEquals(
        message, assertThrows(SelectorException.class, () -> translate(selector)).getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "plain # web # pod=\"web\"",
        "double_quote # we\"b # pod=\"we\\\"b\"",
        "backslash # a\\b # pod=\"a\\\\b\"",
        "newline_escape # '\n' # pod=\"\\n\"",
      })
  void matcherValuesAreAlwaysQuotedSafely(String name, String value, String expected) {
    assertEquals(
        expected,
        new LabelMatcher("pod", Operator.EQUAL, value.equals("\\n") ? "\n" : value).toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "one_name_uses_equality # web-1 # pod=\"web-1\"",
        "names_are_regex_escaped # a.b;c+d;e(f)|g # pod=~\"a\\\\.b|c\\\\+d|e\\\\(f\\\\)\\\\|g\"",
        "all_metacharacters # .+*?()|[]{}^$\\ # pod=\"\\\\.\\\\+\\\\*\\\\?\\\\(\\\\)\\\\|\\\\[\\\\]\\\\{\\\\}\\\\^\\\\$\\\\\\\\\"",
      })
  void resourceNamesAreRegexEscapedInAlternations(String name, String names, String expected) {
    List<String> list = List.of(names.split(";"));
    LabelMatcher matcher =
        list.size() == 1 && name.equals("all_metacharacters")
            ? new LabelMatcher("pod", Operator.EQUAL, LabelMatcher.quoteMeta(list.get(0)))
            : LabelMatcher.anyOf("pod", list);
    assertEquals(expected, matcher.toString());
  }
}
