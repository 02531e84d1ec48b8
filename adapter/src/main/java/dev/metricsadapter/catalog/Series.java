package dev.metricsadapter.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One series as Prometheus' {@code /api/v1/series} lists it.
 *
 * @param name the metric name ({@code __name__})
 * @param labels the other labels
 */
public record Series(String name, Map<String, String> labels) {
  public Series {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
  }

  /** The series listed by {@code labels}, whose {@code __name__} (absent: empty) is the name. */
  public static Series of(Map<String, String> labels) {
    Map<String, String> rest = new HashMap<>(labels);
    String name = rest.remove("__name__");
    return new Series(name == null ? "" : name, rest);
  }

  /**
   * The shape of the series listed by {@code labels}: its name and label names, every value blank.
   * Which metrics a rule produces from a series, and for which resources, depends on nothing else,
   * so one shape stands for every series that shares it.
   */
  public static Series shapeOf(Map<String, String> labels) {
    Map<String, String> names = new HashMap<>();
    String name = "";
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (label.getKey().equals("__name__")) {
        name = label.getValue();
      } else {
        names.put(label.getKey(), "");
      }
    }
    return new Series(name, names);
  }
}
