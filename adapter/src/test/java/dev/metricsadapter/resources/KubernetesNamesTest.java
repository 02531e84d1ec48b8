package dev.metricsadapter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesNamesTest {

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
    "pods, web-1, true",
    "pods, web-1.example, true",
    "pods, Bad_Pod, false",
    "pods, 'quote\"pod', false",
    "pods, -web, false",
    "pods, web., false",
    "pods, '', false",
    "namespaces, demo, true",
    "namespaces, demo.x, false",
    "nodes, ip-10-0-0-1.ec2.internal, true",
  })
  void namesTheApiServerAccepts(String resource, String name, boolean valid) {
    assertEquals(valid, KubernetesNames.isName(GroupResource.core(resource), name));
  }

  @ParameterizedTest(name = "{0} characters")
  @CsvSource({"63, true, true", "64, false, true", "253, false, true", "254, false, false"})
  void lengthLimits(int length, boolean namespace, boolean other) {
    String name = "a".repeat(length);
    assertEquals(namespace, KubernetesNames.isName(GroupResource.core("namespaces"), name));
    assertEquals(other, KubernetesNames.isName(GroupResource.core("pods"), name));
  }
}
