package dev.metricsadapter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A rules directory as an operator might get it wrong: {@code good.yaml} serves {@code
 * pods/http_requests_per_second} from {@link DemoData}; {@code bad.yaml} has a seriesQuery with an
 * unbalanced brace (rules[0], line 2), a metricsQuery with unbalanced parentheses (rules[1],
 * metricsQuery at line 9) and one with a bad range duration (rules[2], metricsQuery at line 13).
 * Prometheus refuses all three with {@code bad_data}.
 */
public final class BadRules {

  /** The metric the first bad metricsQuery makes. */
  public static final String UNBALANCED_PARENS = "http_requests_unbalanced_parens";

  private static final String GOOD =
      """
      rules:
      - seriesQuery: '{__name__=~"^http_requests_total$",namespace!="",pod!=""}'
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        name: {matches: "^(.*)_total$", as: "${1}_per_second"}
        metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)'
      """;

  private static final String BAD =
      """
      rules:
      - seriesQuery: 'http_requests_total{namespace!=""'
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        name: {matches: "^(.*)_total$", as: "${1}_unbalanced_brace"}
        metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)'
      - seriesQuery: '{__name__=~"^http_requests_total$",namespace!="",pod!=""}'
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        name: {matches: "^(.*)_total$", as: "${1}_unbalanced_parens"}
        metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m]) by (<<.GroupBy>>)'
      - seriesQuery: '{__name__=~"^http_requests_total$",namespace!="",pod!=""}'
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        name: {matches: "^(.*)_total$", as: "${1}_bad_window"}
        metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2x])) by (<<.GroupBy>>)'
      """;

  private BadRules() {}

  /** Writes {@code good.yaml} and {@code bad.yaml} into a new directory {@code dir/name}. */
  public static Path write(Path dir, String name) throws IOException {
    Path rules = Files.createDirectories(dir.resolve(name));
    Files.writeString(rules.resolve("good.yaml"), GOOD);
    Files.writeString(rules.resolve("bad.yaml"), BAD);
    return rules;
  }
}
