package dev.metricsadapter.provider;

import dev.metricsadapter.catalog.RuleSeries;
import dev.metricsadapter.catalog.Series;
import dev.metricsadapter.rules.CompiledRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What discovery keeps of one seriesQuery's answer: per distinct shape ({@link Series#shapeOf}: the
 * name and the label names), how many series had it and the first of them with its label values
 * (what a request for one real object needs). Memory grows with the number of distinct (name, label
 * names) combinations, not with the number of series.
 *
 * @param byShape the distinct shapes, in the order first listed
 */
public record DiscoveredSeries(List<Shape> byShape) {

  /** No series. */
  public static final DiscoveredSeries NONE = new DiscoveredSeries(List.of());

  /**
   * The series of one shape.
   *
   * @param shape the name and label names, every value blank
   * @param first the first series listed with that shape, values and all
   * @param count how many series the answer listed with that shape
   */
  public record Shape(Series shape, Series first, long count) {}

  public DiscoveredSeries {
    byShape = List.copyOf(byShape);
  }

  /** The distinct shapes, in the order first listed. */
  public List<Series> shapes() {
    return byShape.stream().map(Shape::shape).toList();
  }

  /** The first series of each shape, in the order first listed: one real series per shape. */
  public List<Series> firsts() {
    return byShape.stream().map(Shape::first).toList();
  }

  /** How many series the answer listed. */
  public long count() {
    return byShape.stream().mapToLong(Shape::count).sum();
  }

  /** The answer as {@code rule}'s series: its shapes, each counting the series that had it. */
  public RuleSeries of(CompiledRule rule) {
    return new RuleSeries(rule, shapes(), byShape.stream().map(Shape::count).toList());
  }

  /** Reduces an answer to its shapes as it streams in. One thread, one answer. */
  public static final class Builder {

    private final Map<Series, Tally> shapes = new LinkedHashMap<>();

    /** Takes the next series, listed by {@code labels} ({@code __name__} as the name). */
    public void add(Map<String, String> labels) {
      shapes.computeIfAbsent(Series.shapeOf(labels), shape -> new Tally(Series.of(labels))).count++;
    }

    /** The answer so far. */
    public DiscoveredSeries build() {
      List<Shape> byShape = new ArrayList<>(shapes.size());
      shapes.forEach((shape, tally) -> byShape.add(new Shape(shape, tally.first, tally.count)));
      return new DiscoveredSeries(byShape);
    }

    /** The series of one shape so far. */
    private static final class Tally {
      private final Series first;
      private long count;

      Tally(Series first) {
        this.first = first;
      }
    }
  }
}
