package dev.metricsadapter.server;

import dev.metricsadapter.failure.AdapterException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The slice of the core API that {@code kubectl top} reads when pointed straight at the adapter,
 * served alongside {@code metrics.k8s.io}: {@code /api} and an empty {@code /api/v1}. {@code
 * kubectl top nodes} also lists the nodes for their allocatable resources, which only the
 * Kubernetes API server knows; without them kubectl prints memory under its CPU(%) header, so that
 * list is a 404 saying where to ask instead. Pure functions.
 */
final class CoreApi {

  private CoreApi() {}

  /**
   * The answer to a core API path.
   *
   * @param path the decoded path segments, the first being {@code api}
   * @return the JSON body of a 200 answer
   * @throws AdapterException a 404 for every other path
   */
  static JsonObject answer(List<String> path) {
    if (path.equals(List.of("api"))) {
      return new JsonObject()
          .put("kind", "APIVersions")
          .put("versions", new JsonArray().add("v1"))
          .put(
              "serverAddressByClientCIDRs",
              new JsonArray()
                  .add(new JsonObject().put("clientCIDR", "0.0.0.0/0").put("serverAddress", "")));
    }
    if (path.equals(List.of("api", "v1"))) {
      return new JsonObject()
          .put("kind", "APIResourceList")
          .put("apiVersion", "v1")
          .put("groupVersion", "v1")
          .put("resources", new JsonArray());
    }
    throw path.equals(List.of("api", "v1", "nodes"))
        ? new NodesNotServedException()
        : new PathNotFoundException();
  }

  /** {@code /api/v1/nodes} asked of the adapter itself (404). */
  private static final class NodesNotServedException extends AdapterException {
    private static final long serialVersionUID = 1L;

    NodesNotServedException() {
      super(
          Kind.NOT_FOUND,
          "the metrics adapter does not serve nodes: kubectl top nodes needs each node's"
              + " allocatable resources from the Kubernetes API server; run it against the API"
              + " server, or read /apis/metrics.k8s.io/v1beta1/nodes here");
    }
  }
}
