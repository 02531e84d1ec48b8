package dev.metricsadapter.server;

import dev.metricsadapter.catalog.CatalogEntry;
import dev.metricsadapter.provider.CustomMetricsService;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.provider.QueryTrace;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.function.Supplier;

/** {@code custom.metrics.k8s.io} v1beta2 (preferred) and v1beta1. */
record CustomMetricsApi(CustomMetricsService service, Supplier<DiscoverySnapshot> snapshot)
    implements ApiGroup {

  static final String GROUP = "custom.metrics.k8s.io";

  @Override
  public String name() {
    return GROUP;
  }

  @Override
  public List<String> versions() {
    return List.of("v1beta2", "v1beta1");
  }

  @Override
  public JsonArray resources(String version) {
    JsonArray resources = new JsonArray();
    for (CatalogEntry entry : snapshot.get().catalog().entries()) {
      resources.add(
          DiscoveryDocuments.resource(
              entry.key().toString(), entry.key().namespaced(), "MetricValueList", List.of("get")));
    }
    return resources;
  }

  @Override
  public Future<Buffer> answer(
      String version, List<String> path, MultiMap params, QueryTrace trace) {
    return ApiGroup.parsed(
            () ->
                CustomMetricsPath.parse(
                    path, params.get("labelSelector"), params.get("metricLabelSelector")))
        .compose(request -> service.values(request, trace))
        .map(values -> CustomWireFormat.metricValueList(version, values));
  }
}
