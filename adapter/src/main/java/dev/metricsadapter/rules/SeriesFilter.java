package dev.metricsadapter.rules;

import com.google.re2j.Pattern;

/**
 * A compiled {@code seriesFilters} entry: keeps series whose name matches ({@code is}) or does not
 * match ({@code isNot}) an unanchored RE2 expression. Immutable and thread-safe.
 */
public final class SeriesFilter {

  private final Pattern pattern;
  private final boolean keepMatching;

  private SeriesFilter(Pattern pattern, boolean keepMatching) {
    this.pattern = pattern;
    this.keepMatching = keepMatching;
  }

  /**
   * Compiles a filter.
   *
   * @throws IllegalArgumentException for an invalid expression
   */
  public static SeriesFilter compile(SeriesFilterSpec spec) {
    return new SeriesFilter(GoRegex.compile(spec.pattern()), spec.keepMatching());
  }

  /** Whether this filter keeps the series named {@code seriesName}. */
  public boolean keeps(String seriesName) {
    return pattern.matcher(seriesName).find() == keepMatching;
  }

  @Override
  public String toString() {
    return (keepMatching ? "is: " : "isNot: ") + pattern.pattern();
  }
}
