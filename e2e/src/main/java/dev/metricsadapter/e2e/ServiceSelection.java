package dev.metricsadapter.e2e;

import io.fabric8.kubernetes.api.model.Service;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/** Which Service a pod belongs to, for the {@code service} label of its scrape target. Pure. */
final class ServiceSelection {
  private ServiceSelection() {}

  /**
   * The name of the Service, among {@code services}, whose selector matches {@code podLabels}; the
   * first by name if several do. A Service without a selector selects no pod (as for Endpoints).
   */
  static Optional<String> serviceFor(Map<String, String> podLabels, Collection<Service> services) {
    return services.stream()
        .filter(service -> selects(service, podLabels))
        .map(service -> service.getMetadata().getName())
        .min(Comparator.naturalOrder());
  }

  private static boolean selects(Service service, Map<String, String> podLabels) {
    Map<String, String> selector =
        service.getSpec() == null ? null : service.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      return false;
    }
    return selector.entrySet().stream()
        .allMatch(entry -> entry.getValue().equals(podLabels.get(entry.getKey())));
  }
}
