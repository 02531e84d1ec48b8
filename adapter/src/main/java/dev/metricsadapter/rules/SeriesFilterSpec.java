package dev.metricsadapter.rules;

/**
 * One entry of {@code seriesFilters}: keep series whose name matches ({@code is}) or does not match
 * ({@code isNot}) a regular expression.
 *
 * @param pattern the regular expression (Go RE2 syntax, unanchored)
 * @param keepMatching true for {@code is}, false for {@code isNot}
 */
public record SeriesFilterSpec(String pattern, boolean keepMatching) {

  @Override
  public String toString() {
    return (keepMatching ? "is: " : "isNot: ") + pattern;
  }
}
