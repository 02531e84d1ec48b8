package dev.metricsadapter.provider;

import dev.metricsadapter.catalog.Series;
import java.util.List;

/**
 * What discovery keeps of one seriesQuery's answer: the distinct series shapes ({@link
 * Series#shapeOf}) and how many series there were. Memory grows with the number of distinct (name,
 * label names) combinations, not with the number of series.
 *
 * @param shapes the distinct shapes, in the order first listed
 * @param count how many series the answer listed
 */
public record DiscoveredSeries(List<Series> shapes, long count) {

  /** No series. */
  public static final DiscoveredSeries NONE = new DiscoveredSeries(List.of(), 0);

  public DiscoveredSeries {
    shapes = List.copyOf(shapes);
  }
}
