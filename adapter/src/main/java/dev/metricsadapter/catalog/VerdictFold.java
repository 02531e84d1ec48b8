package dev.metricsadapter.catalog;

/**
 * Folds the verdicts of one pass of {@link SeriesClassifier} over discovered series: for each rule
 * in order, {@link #rule} once, then {@link #verdict} once for each of its series in order, with
 * how many listed series it stands for ({@link RuleSeries#counts()}). The catalogs are such folds,
 * and a report may ride along in the same pass ({@link CatalogBuilder#build(java.util.List,
 * VerdictFold)}, {@link ExternalCatalog#build(java.util.List, VerdictFold)}). A fold serves one
 * thread and one pass.
 */
public interface VerdictFold {

  /** Folds nothing. */
  VerdictFold NONE =
      new VerdictFold() {
        @Override
        public void rule(RuleSeries discovered) {}

        @Override
        public void verdict(Series series, long count, SeriesVerdict verdict) {}
      };

  /** The verdicts of {@code discovered.rule()} on {@code discovered.series()} follow. */
  void rule(RuleSeries discovered);

  /**
   * What the current rule makes of {@code series}, and so of the {@code count} listed series it
   * stands for (one for a series, every series of its shape for a shape).
   */
  void verdict(Series series, long count, SeriesVerdict verdict);

  /** A fold that hands every call to this fold, then to {@code next}. */
  default VerdictFold andThen(VerdictFold next) {
    VerdictFold first = this;
    return new VerdictFold() {
      @Override
      public void rule(RuleSeries discovered) {
        first.rule(discovered);
        next.rule(discovered);
      }

      @Override
      public void verdict(Series series, long count, SeriesVerdict verdict) {
        first.verdict(series, count, verdict);
        next.verdict(series, count, verdict);
      }
    };
  }
}
