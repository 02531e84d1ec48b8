package dev.metricsadapter.catalog;

import dev.metricsadapter.catalog.SeriesVerdict.Association;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.ResourceMapper;
import java.util.List;

/**
 * Builds a {@link MetricCatalog} from the series each rule discovered, folding over the verdicts of
 * {@link SeriesClassifier}: every served association of a kept series registers its metric for the
 * resource its label names (namespaced or cluster-scoped as the {@link ResourceMapper} says).
 *
 * <p>When two rules (or two different series) produce the same metric for the same resource, the
 * first in rule order, then series order, wins and a warning names both. A rule that would register
 * a namespaced resource but has no namespace label registers nothing for it, with a warning naming
 * the label, because every request for it would fail. Stateless and thread-safe.
 */
public final class CatalogBuilder {

  private final ResourceMapper mapper;

  public CatalogBuilder(ResourceMapper mapper) {
    this.mapper = mapper;
  }

  /** Builds the catalog; deterministic for a given input order. */
  public MetricCatalog build(List<RuleSeries> discovered) {
    return build(discovered, VerdictFold.NONE);
  }

  /**
   * Builds the catalog as {@link #build(List)} does, and in the same pass hands every verdict to
   * {@code also} (after the catalog has taken it), e.g. to build a report of the discovery.
   */
  public MetricCatalog build(List<RuleSeries> discovered, VerdictFold also) {
    Fold catalog = new Fold();
    SeriesClassifier.foldCustom(discovered, mapper, catalog.andThen(also));
    return new MetricCatalog(catalog.entries(), catalog.warnings());
  }

  /** The catalog under construction. */
  private static final class Fold extends CatalogFold<MetricKey, CatalogEntry> {
    Fold() {
      super("metric");
    }

    @Override
    public void verdict(Series series, long count, SeriesVerdict verdict) {
      for (Association association : verdict.associations()) {
        if (association.served()) {
          offer(
              association.key(), new CatalogEntry(association.key(), series.name(), currentRule()));
        } else {
          warn(unserved(association));
        }
      }
    }

    private String unserved(Association association) {
      GroupResource resource = association.key().resource();
      return "rule "
          + currentRule()
          + ": label '"
          + association.label()
          + "' names namespaced resource "
          + resource
          + " but the rule has no namespace label, so "
          + resource
          + "/"
          + association.key().metric()
          + " is not served; add a resources.overrides entry for the namespace label";
    }
  }
}
