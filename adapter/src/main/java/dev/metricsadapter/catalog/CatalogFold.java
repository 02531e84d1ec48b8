package dev.metricsadapter.catalog;

import dev.metricsadapter.rules.CompiledRule;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A catalog under construction, folding over verdicts: the first entry offered for a key is kept,
 * and an entry from another source for a key already taken is a conflict, named in a warning.
 * Verdicts come in rule order, then series order, so the first rule wins. One thread, one build.
 *
 * @param <K> how requests name a metric; its {@code toString} names it in warnings
 * @param <E> the entry
 */
abstract class CatalogFold<K, E extends MetricSource> implements VerdictFold {

  private final String kind;
  private final Map<K, E> entries = new HashMap<>();
  private final Set<String> warnings = new LinkedHashSet<>();
  private CompiledRule rule;

  /** {@code kind} is what the keys name in warnings, e.g. {@code metric}. */
  CatalogFold(String kind) {
    this.kind = kind;
  }

  @Override
  public final void rule(RuleSeries discovered) {
    rule = discovered.rule();
  }

  /** The rule whose verdicts are being folded. */
  final CompiledRule currentRule() {
    return rule;
  }

  /** Keeps {@code candidate} under {@code key} unless an entry is there already. */
  final void offer(K key, E candidate) {
    E existing = entries.putIfAbsent(key, candidate);
    if (existing != null && !existing.sameSourceAs(candidate)) {
      warn(
          kind
              + " "
              + key
              + " is produced by rule "
              + existing.rule()
              + " (series "
              + existing.seriesName()
              + ") and by rule "
              + candidate.rule()
              + " (series "
              + candidate.seriesName()
              + "); serving the first");
    }
  }

  /** Adds {@code warning}, unless it was added before. */
  final void warn(String warning) {
    warnings.add(warning);
  }

  /** The kept entries. */
  final Map<K, E> entries() {
    return entries;
  }

  /** The warnings, in the order first added. */
  final List<String> warnings() {
    return List.copyOf(warnings);
  }
}
