package dev.metricsadapter.server;

import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.provider.QueryTrace;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.function.Supplier;

/**
 * One API group the adapter serves ({@code custom.metrics.k8s.io}, {@code external.metrics.k8s.io},
 * {@code metrics.k8s.io}): its versions, its discovery entries and its request handling.
 * Implementations answer discovery from memory and never block.
 */
interface ApiGroup {

  /** The group name. */
  String name();

  /** Served versions, preferred first. */
  List<String> versions();

  /** The {@code resources} of {@code /apis/<group>/<version>}. */
  JsonArray resources(String version);

  /**
   * Answers {@code /apis/<group>/<version>/<path...>}.
   *
   * @param path the decoded segments after the version, never empty
   * @param params the request's query parameters
   * @param trace observes how the answer is found
   * @return the JSON body of a 200 answer, or a future failed with a {@link AdapterException}
   *     (anything else is an unexpected fault); never throws, a malformed path or parameter fails
   *     the future too
   */
  Future<Buffer> answer(String version, List<String> path, MultiMap params, QueryTrace trace);

  /**
   * The request {@code parse} makes of a path and its parameters, or a future failed with its
   * {@link AdapterException} (a malformed request), so that {@link #answer} never throws.
   */
  static <T> Future<T> parsed(Supplier<T> parse) {
    try {
      return Future.succeededFuture(parse.get());
    } catch (AdapterException malformed) {
      return Future.failedFuture(malformed);
    }
  }
}
