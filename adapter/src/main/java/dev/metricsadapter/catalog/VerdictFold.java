package dev.metricsadapter.catalog;

/**
 * Folds the verdicts of one pass of {@link SeriesClassifier} over discovered series: for each rule
 * in order, {@link #rule} once, then {@link #verdict} once for each of its series in order. The
 * catalogs are such folds, and a report may ride along in the same pass ({@link
 * CatalogBuilder#build(java.util.List, VerdictFold)}, {@link ExternalCatalog#build(java.util.List,
 * VerdictFold)}). A fold serves one thread and one pass.
 */
public interface VerdictFold {

  /** Folds nothing. */
  VerdictFold NONE =
      new VerdictFold() {
        @Override
        public void rule(RuleSeries discovered) {}

        @Override
        public void verdict(Series series, SeriesVerdict verdict) {}
      };

  /** The verdicts of {@code discovered.rule()} on {@code discovered.series()} follow. */
  void rule(RuleSeries discovered);

  /** What the current rule makes of {@code series}. */
  void verdict(Series series, SeriesVerdict verdict);

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
      public void verdict(Series series, SeriesVerdict verdict) {
        first.verdict(series, verdict);
        next.verdict(series, verdict);
      }
    };
  }
}
