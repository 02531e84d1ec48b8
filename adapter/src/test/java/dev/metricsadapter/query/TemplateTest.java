package dev.metricsadapter.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {

  private static final Map<String, String> FIELDS =
      Map.of("Series", "up", "LabelMatchers", "a=\"b\"", "GroupBy", "pod");
  private static final Map<String, Map<String, String>> MAPS =
      Map.of("LabelValuesByName", Map.of("namespace", "demo", "pod", "a|b"));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "fields # sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>) # sum(up{a=\"b\"}) by (pod)",
        "spaces_in_action # << .Series >> # up",
        "index_double_quoted # <<index .LabelValuesByName \"namespace\">> # demo",
        "index_raw_string # <<index .LabelValuesByName `pod`>> # a|b",
        "index_missing_key # [<<index .LabelValuesByName \"nope\">>] # []",
        "trim_left # 'sum (   <<- .Series>>)' # sum (up)",
        "trim_right # 'sum(<<.Series ->>   )' # sum(up)",
        "literal_close_delimiter # a >> b # a >> b",
        "no_actions # count(cheddar{sharp=\"true\"}) # count(cheddar{sharp=\"true\"})",
      })
  void renders(String name, String source, String expected) {
    assertEquals(
        expected, Template.compile(source, TemplateVocabulary.METRICS_QUERY).render(FIELDS, MAPS));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "range # <<range .GroupBySlice>>x<<end>> # unsupported template construct \"<<range .GroupBySlice>>\"",
        "printf # <<printf \"%s\" .Series>> # unsupported template construct \"<<printf \"%s\" .Series>>\"",
        "pipeline   # <<.Series | len>>               # unsupported template construct \"<<.Series | len>>\"",
        "unknown # <<.Metric>> # unknown field \".Metric\" in \"<<.Metric>>\"",
        "index_of_scalar # <<index .Series \"a\">> # unknown map \".Series\" in \"<<index .Series \"a\">>\"",
        "unclosed # sum(<<.Series) # unclosed action starting at \"<<.Series)\"",
        "empty # <<>> # unsupported template construct \"<<>>\"",
      })
  void rejectsEverythingElseAtCompileTime(String name, String source, String messageStart) {
    String message =
        assertThrows(
                TemplateException.class,
                () -> Template.compile(source, TemplateVocabulary.METRICS_QUERY))
            .getMessage();
    assertEquals(
        messageStart, message.substring(0, Math.min(message.length(), messageStart.length())));
  }
}
