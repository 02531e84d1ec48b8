package dev.metricsadapter.api;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * One API group the adapter serves ({@code custom.metrics.k8s.io}, {@code external.metrics.k8s.io},
 * {@code metrics.k8s.io}): its versions, its discovery entries and its request handling.
 * Implementations answer from memory for discovery and never block.
 */
interface ApiGroup {

  /** The group name. */
  String name();

  /** Served versions, preferred first. */
  List<String> versions();

  /** The {@code resources} of {@code /apis/<group>/<version>}. */
  JsonArray resources(String version);

  /**
   * Handles {@code /apis/<group>/<version>/<path...>}; answers or fails the context.
   *
   * @param path the decoded segments after the version, never empty
   */
  void handle(RoutingContext ctx, String version, List<String> path);
}
