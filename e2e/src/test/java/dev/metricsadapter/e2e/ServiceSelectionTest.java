package dev.metricsadapter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceSelectionTest {
  private static final Map<String, String> POD =
      Map.of("app.kubernetes.io/name", "web", "tier", "front");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no services", List.of(), Optional.empty()),
        Arguments.of(
            "one matching", List.of(service("web", Map.of("tier", "front"))), Optional.of("web")),
        Arguments.of(
            "all selector entries must match",
            List.of(service("web", Map.of("tier", "front", "app.kubernetes.io/name", "db"))),
            Optional.empty()),
        Arguments.of(
            "several match: first by name",
            List.of(
                service("zeta", Map.of("tier", "front")),
                service("alpha", Map.of("app.kubernetes.io/name", "web")),
                service("other", Map.of("app.kubernetes.io/name", "db"))),
            Optional.of("alpha")),
        Arguments.of(
            "a service without a selector selects nothing",
            List.of(service("headless", Map.of()), service("nil", null)),
            Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void picksTheServiceSelectingThePod(
      String name, List<Service> services, Optional<String> expected) {
    assertEquals(expected, ServiceSelection.serviceFor(POD, services));
  }

  private static Service service(String name, Map<String, String> selector) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withSelector(selector)
        .endSpec()
        .build();
  }
}
