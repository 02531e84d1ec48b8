package dev.metricsadapter.diagnostics;

import dev.metricsadapter.catalog.Series;
import dev.metricsadapter.catalog.SeriesVerdict.Association;
import dev.metricsadapter.catalog.SeriesVerdict.Dropped;
import dev.metricsadapter.catalog.SeriesVerdict.Reason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The series of one rule that share one reason for producing nothing (or not everything): how many,
 * a few of their names, and, for {@link Reason#NO_RESOURCE_LABEL}, every label name they carry,
 * since label sets vary from series to series and one line lists them all.
 */
final class ReasonTally {

  /** Label names listed for {@link Reason#NO_RESOURCE_LABEL}. */
  static final int MAX_LABELS = 20;

  private final Reason reason;
  private final String described;
  private final Set<String> labels = new TreeSet<>();
  private final Set<String> examples = new LinkedHashSet<>();
  private long count;

  /**
   * @param reason the reason
   * @param described the reason in words, as {@link #describe} gives it
   */
  ReasonTally(Reason reason, String described) {
    this.reason = reason;
    this.described = described;
  }

  /**
   * {@code drop}'s reason in words, e.g. {@code removed by filter 'isNot: .*_total$'}; for {@link
   * Reason#NO_RESOURCE_LABEL} without the labels, which the tally adds. Series whose reasons read
   * the same share a tally.
   */
  static String describe(Dropped drop) {
    return switch (drop.reason()) {
      case REMOVED_BY_FILTER -> "removed by filter '" + drop.detail() + "'";
      case NAME_DID_NOT_MATCH -> "name did not match '" + drop.detail() + "'";
      case NAME_EXPANDED_TO_NOTHING -> "name expanded to nothing";
      case NO_RESOURCE_LABEL -> "no label names a known resource";
      case NO_NAMESPACE_LABEL -> notServed(drop.associations());
    };
  }

  /**
   * Why the unserved {@code associations} of a series are not served, e.g. {@code namespaced
   * resource pods but no namespace label}; each resource once, in label order.
   */
  static String notServed(List<Association> associations) {
    List<String> resources =
        associations.stream()
            .filter(association -> !association.served())
            .map(association -> association.key().resource().toString())
            .distinct()
            .toList();
    return "namespaced resource " + String.join(", ", resources) + " but no namespace label";
  }

  /** Counts {@code series}, which stands for {@code listed} listed series. */
  void add(Series series, long listed) {
    count += listed;
    if (examples.size() < DiscoveryReport.MAX_EXAMPLES) {
      examples.add(series.name());
    }
    if (reason == Reason.NO_RESOURCE_LABEL) {
      labels.addAll(series.labels().keySet());
    }
  }

  /** The tally as reported. */
  DiscoveryReport.Drop drop() {
    String words =
        reason == Reason.NO_RESOURCE_LABEL
            ? described + " (labels: " + labelList() + ")"
            : described;
    return new DiscoveryReport.Drop(words, count, List.copyOf(examples));
  }

  private String labelList() {
    if (labels.isEmpty()) {
      return "none";
    }
    List<String> names = new ArrayList<>(labels);
    if (names.size() <= MAX_LABELS) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, MAX_LABELS))
        + ", ... ("
        + (names.size() - MAX_LABELS)
        + " more)";
  }
}
