package dev.metricsadapter.server;

import dev.metricsadapter.catalog.ExternalCatalog;
import dev.metricsadapter.failure.BadRequestException;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.provider.ExternalMetricRequest;
import dev.metricsadapter.provider.ExternalMetricsService;
import dev.metricsadapter.provider.ExternalValue;
import dev.metricsadapter.provider.QueryTrace;
import dev.metricsadapter.quantity.Quantities;
import dev.metricsadapter.query.LabelSelector;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code external.metrics.k8s.io/v1beta1}: {@code namespaces/{ns}/{metric}?labelSelector=...}
 * answered with an {@code ExternalMetricValueList}. Every external metric is listed as namespaced,
 * because the only request path is.
 */
record ExternalMetricsApi(ExternalMetricsService service, Supplier<DiscoverySnapshot> snapshot)
    implements ApiGroup {

  static final String GROUP = "external.metrics.k8s.io";

  @Override
  public String name() {
    return GROUP;
  }

  @Override
  public List<String> versions() {
    return List.of("v1beta1");
  }

  @Override
  public JsonArray resources(String version) {
    JsonArray resources = new JsonArray();
    for (ExternalCatalog.Entry entry : snapshot.get().external().entries()) {
      resources.add(
          DiscoveryDocuments.resource(
              entry.metric(), true, "ExternalMetricValueList", List.of("get")));
    }
    return resources;
  }

  @Override
  public Future<Buffer> answer(
      String version, List<String> path, MultiMap params, QueryTrace trace) {
    return ApiGroup.parsed(() -> request(path, params))
        .compose(request -> service.values(request, trace))
        .map(ExternalMetricsApi::list);
  }

  private static ExternalMetricRequest request(List<String> path, MultiMap params) {
    if (path.size() != 3 || !path.get(0).equals("namespaces")) {
      throw new BadRequestException(
          "invalid request path: expected namespaces/{namespace}/{metric}");
    }
    return new ExternalMetricRequest(
        RequestNames.namespace(path.get(1)),
        RequestNames.metric(path.get(2)),
        LabelSelector.parse(params.get("labelSelector")));
  }

  /** An {@code ExternalMetricValueList}, labels sorted by name as Go marshals a map. */
  private static Buffer list(List<ExternalValue> values) {
    return JsonBodies.list(
        "ExternalMetricValueList",
        GROUP + "/v1beta1",
        json -> {
          CustomWireFormat.Timestamps timestamps = new CustomWireFormat.Timestamps();
          for (ExternalValue value : values) {
            json.writeStartObject();
            json.writeStringField("metricName", value.metric());
            json.writeObjectFieldStart("metricLabels");
            for (Map.Entry<String, String> label : new TreeMap<>(value.labels()).entrySet()) {
              json.writeStringField(label.getKey(), label.getValue());
            }
            json.writeEndObject();
            json.writeStringField("timestamp", timestamps.of(value.timestamp()));
            json.writeStringField("value", Quantities.canonical(value.value()));
            json.writeEndObject();
          }
        });
  }
}
