package dev.metricsadapter.app;

import dev.metricsadapter.kube.ObjectLister;
import dev.metricsadapter.kube.ResourceObjects;
import dev.metricsadapter.prometheus.InstantQueries;
import dev.metricsadapter.provider.CustomMetricsService;
import dev.metricsadapter.provider.Discovery;
import dev.metricsadapter.provider.ExternalMetricsService;
import dev.metricsadapter.resourcemetrics.ResourceMetricsService;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledResourceRules;
import dev.metricsadapter.server.ApiRouter;
import dev.metricsadapter.server.ResourceMetricsApi;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/** The metrics API groups over one discovery and one query path, as serve and explain use them. */
final class MetricsApis {

  private MetricsApis() {}

  /**
   * Custom and external metrics, and resource metrics when there are resource rules.
   *
   * @param resourceRules the current resource rules; empty when {@code metrics.k8s.io} is not
   *     served
   * @param resourceObjects pods and nodes from the Kubernetes API; empty in standalone mode
   */
  static ApiRouter router(
      Discovery discovery,
      Optional<Supplier<CompiledResourceRules>> resourceRules,
      ResourceMapper mapper,
      ObjectLister lister,
      Optional<ResourceObjects> resourceObjects,
      InstantQueries prometheus,
      Clock clock) {
    CustomMetricsService custom =
        new CustomMetricsService(discovery::snapshot, mapper, lister, prometheus, clock);
    ExternalMetricsService external =
        new ExternalMetricsService(discovery::snapshot, mapper, prometheus, clock);
    Optional<ResourceMetricsApi> resources =
        resourceRules.map(
            current ->
                new ResourceMetricsApi(
                    new ResourceMetricsService(current, mapper, resourceObjects, prometheus, clock),
                    clock));
    return ApiRouter.of(custom, external, resources, discovery::snapshot, discovery::isReady);
  }
}
