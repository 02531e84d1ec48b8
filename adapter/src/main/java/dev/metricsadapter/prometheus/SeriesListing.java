package dev.metricsadapter.prometheus;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Series listing through Prometheus' HTTP API ({@code /api/v1/series}): what discovery and
 * standalone object listings need. Implementations never block the calling event loop, put a
 * deadline on every call, and fail futures with a {@link PrometheusException}.
 */
@FunctionalInterface
public interface SeriesListing {

  /**
   * Lists the series matching {@code match} that had samples since {@code start}, delivering each
   * label set (including {@code __name__}) to {@code sink} as it is parsed, so that memory does not
   * grow with the size of the answer. The sink runs on the calling context. The future completes
   * after the last series was delivered.
   */
  Future<Void> series(String match, Instant start, Consumer<Map<String, String>> sink);
}
