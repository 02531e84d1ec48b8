package dev.metricsadapter.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@EnableKubernetesMockClient(crud = true)
class ConfigMapVolumeTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  static KubernetesClient client;

  @TempDir Path tmp;

  @Test
  void projectsTheConfigMapAndFollowsItsChanges() throws IOException {
    Path dir = tmp.resolve("rules");
    client.resource(configMap("rules-a", Map.of("a.yaml", "one", "b.yaml", "two"))).create();

    try (ConfigMapVolume volume =
        ConfigMapVolume.start(client, new ConfigMapVolume.Spec("ns", "rules-a", dir))) {
      // start() returns after the first list, whose event is delivered right after it.
      await().atMost(DEADLINE).until(() -> volume.projectedVersion().isPresent());
      assertEquals("one", Files.readString(dir.resolve("a.yaml")));
      assertEquals("two", Files.readString(dir.resolve("b.yaml")));
      assertTrue(Files.isSymbolicLink(dir.resolve("..data")));

      client.resource(configMap("rules-a", Map.of("a.yaml", "ONE", "c.yaml", "three"))).update();

      await().atMost(DEADLINE).until(() -> Files.exists(dir.resolve("c.yaml")));
      assertEquals("ONE", Files.readString(dir.resolve("a.yaml")));
      assertFalse(Files.exists(dir.resolve("b.yaml"), LinkOption.NOFOLLOW_LINKS), "removed key");

      String before = volume.projectedVersion().orElseThrow();
      client.configMaps().inNamespace("ns").withName("rules-a").delete();
      await()
          .pollDelay(Duration.ofMillis(500))
          .atMost(DEADLINE)
          .until(() -> client.configMaps().inNamespace("ns").withName("rules-a").get() == null);
      assertEquals("ONE", Files.readString(dir.resolve("a.yaml")), "kept after deletion");
      assertEquals(Optional.of(before), volume.projectedVersion());
    }
  }

  @Test
  void waitsForAConfigMapThatDoesNotExistYet() throws IOException {
    Path dir = tmp.resolve("later");
    try (ConfigMapVolume volume =
        ConfigMapVolume.start(client, new ConfigMapVolume.Spec("ns", "rules-b", dir))) {
      assertEquals(Optional.empty(), volume.projectedVersion());
      assertFalse(Files.exists(dir.resolve("..data"), LinkOption.NOFOLLOW_LINKS));

      client.resource(configMap("rules-b", Map.of("a.yaml", "one"))).create();

      await().atMost(DEADLINE).until(() -> Files.exists(dir.resolve("a.yaml")));
      assertEquals("one", Files.readString(dir.resolve("a.yaml")));
    }
  }

  @Test
  void binaryDataIsDecoded() {
    byte[] bytes = {0, 1, 2, (byte) 0xff};
    ConfigMap configMap =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("x")
            .endMetadata()
            .addToData("text", "héllo")
            .addToBinaryData("blob", Base64.getEncoder().encodeToString(bytes))
            .build();

    Map<String, byte[]> files = ConfigMapVolume.files(configMap);

    assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), files.get("text"));
    assertArrayEquals(bytes, files.get("blob"));
  }

  @Test
  void parsesNamespaceNameAndDirectory() {
    assertEquals(
        new ConfigMapVolume.Spec("metrics-adapter", "metrics-adapter-rules", Path.of("/tmp/r=1")),
        ConfigMapVolume.Spec.parse("metrics-adapter/metrics-adapter-rules=/tmp/r=1"));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", "ns/name", "name=/tmp/x", "ns/=/tmp/x", "NS/name=/tmp/x", "a/b/c=/x"})
  void refusesOtherForms(String value) {
    assertThrows(IllegalArgumentException.class, () -> ConfigMapVolume.Spec.parse(value));
  }

  private static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName(name)
        .endMetadata()
        .withData(data)
        .build();
  }
}
