package dev.metricsadapter.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Dockerfiles of the adapter and the demo app (no image can be built on this machine: no
 * container registry is reachable) checked against what the manifests and the build expect: a JRE
 * base, the jar Maven builds, the user the Deployments run as, container-aware heap sizing, exit on
 * OutOfMemoryError, and the image names the Deployments reference.
 */
class ContainerImagesTest {

  private static final Path REPO = Path.of("..");

  static Stream<Arguments> images() {
    return Stream.of(
        Arguments.of(
            "adapter",
            "metrics-adapter.jar",
            Manifests.ROOT.resolve("deployment.yaml"),
            "ghcr.io/metrics-adapter/metrics-adapter:"),
        Arguments.of(
            "demo-app",
            "demo-app.jar",
            Manifests.ROOT.resolve("demo").resolve("deployment.yaml"),
            "ghcr.io/metrics-adapter/demo-app:"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void theDeploymentsImageTagIsTheProjectVersionThatVersionPrints(
      String module, String jar, Path deploymentFile, String imageName) {
    Matcher version =
        Pattern.compile(
                "<artifactId>metrics-adapter-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Manifests.read(REPO.resolve("pom.xml")));
    assertTrue(version.find(), "the parent pom has a version");
    assertFalse(
        version.group(1).endsWith("-SNAPSHOT"), "--version prints what the images are tagged");
    assertTrue(
        Manifests.read(deploymentFile).contains("image: " + imageName + version.group(1) + "\n"),
        deploymentFile + " runs " + imageName + version.group(1));
  }

  /** The instructions of a Dockerfile, continuation lines joined, comments dropped. */
  private static List<String> instructions(Path dockerfile) {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Manifests.read(dockerfile).lines().toList()) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      instructions.add(current.append(trimmed).toString());
      current.setLength(0);
    }
    return instructions;
  }

  private static String only(List<String> instructions, String keyword) {
    List<String> found = instructions.stream().filter(i -> i.startsWith(keyword + " ")).toList();
    assertEquals(1, found.size(), keyword + " instructions: " + found);
    return found.get(0).substring(keyword.length() + 1).strip();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void imageRunsTheBuiltJarAsTheDeploymentsUserWithContainerAwareMemory(
      String module, String jar, Path deploymentFile, String imageName) {
    List<String> dockerfile = instructions(REPO.resolve(module).resolve("Dockerfile"));

    assertTrue(only(dockerfile, "FROM").startsWith("gcr.io/distroless/java17"), dockerfile.get(0));
    assertTrue(
        Manifests.read(REPO.resolve(module).resolve("pom.xml"))
            .contains("<finalName>" + jar.replace(".jar", "") + "</finalName>"),
        "Maven builds target/" + jar);
    Matcher copy = Pattern.compile("target/(\\S+) (\\S+)").matcher(only(dockerfile, "COPY"));
    assertTrue(copy.matches(), dockerfile.toString());
    assertEquals(jar, copy.group(1));

    Deployment deployment = (Deployment) Manifests.object(deploymentFile);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    long uid = pod.getSecurityContext().getRunAsUser();
    assertEquals(uid + ":" + pod.getSecurityContext().getRunAsGroup(), only(dockerfile, "USER"));
    assertTrue(uid != 0);

    String entrypoint = only(dockerfile, "ENTRYPOINT");
    for (String flag : List.of("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError")) {
      assertTrue(entrypoint.contains(flag), entrypoint);
    }
    assertTrue(entrypoint.contains("\"-jar\", \"" + copy.group(2) + "\""), entrypoint);
    assertTrue(
        pod.getContainers().get(0).getImage().startsWith(imageName),
        pod.getContainers().get(0).getImage());
  }
}
