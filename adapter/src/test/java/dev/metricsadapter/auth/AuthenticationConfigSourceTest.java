package dev.metricsadapter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.testing.TestCertificates;
import dev.metricsadapter.testing.TestCertificates.Issued;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AuthenticationConfigSource} watching {@code
 * kube-system/extension-apiserver-authentication} in fabric8's CRUD mock API server: it picks the
 * ConfigMap up, follows CA rotations without a restart, keeps the previous configuration when the
 * ConfigMap cannot be used, lets flags win, and stops watching when closed.
 */
@EnableKubernetesMockClient(crud = true)
class AuthenticationConfigSourceTest {

  static KubernetesMockServer server;
  static KubernetesClient client;

  private static final String NAMESPACE = "kube-system";
  private static final String NAME = "extension-apiserver-authentication";

  private static final Issued FRONT_PROXY_CA = TestCertificates.authority("front-proxy-ca");
  private static final Issued ROTATED_FRONT_PROXY_CA =
      TestCertificates.authority("front-proxy-ca-2");
  private static final Issued CLIENT_CA = TestCertificates.authority("kubernetes-ca");

  @TempDir Path dir;
  private final List<AuthenticationConfigSource> sources = new ArrayList<>();

  @BeforeEach
  void noConfigMap() {
    client.configMaps().inNamespace(NAMESPACE).withName(NAME).delete();
  }

  @AfterEach
  void closeSources() {
    sources.forEach(AuthenticationConfigSource::close);
  }

  private AuthenticationConfigSource watching(AuthenticationSettings flags) {
    AuthenticationConfigSource source = new AuthenticationConfigSource(flags);
    sources.add(source);
    return source.watch(client);
  }

  /** What kube-apiserver writes, with {@code requestCa} as the front-proxy CA. */
  private static Map<String, String> kubeApiserverData(String requestCa) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("requestheader-client-ca-file", requestCa);
    data.put("requestheader-allowed-names", "[\"front-proxy-client\"]");
    data.put("requestheader-username-headers", "[\"X-Remote-User\"]");
    data.put("requestheader-group-headers", "[\"X-Remote-Group\"]");
    data.put("requestheader-extra-headers-prefix", "[\"X-Remote-Extra-\"]");
    data.put("client-ca-file", CLIENT_CA.certificatePem());
    return data;
  }

  private static ConfigMap configMap(Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withData(data)
        .build();
  }

  private static void create(Map<String, String> data) {
    client.configMaps().inNamespace(NAMESPACE).resource(configMap(data)).create();
  }

  private static void update(Map<String, String> changes) {
    client
        .configMaps()
        .inNamespace(NAMESPACE)
        .withName(NAME)
        .edit(current -> new ConfigMapBuilder(current).addToData(changes).build());
  }

  private static ConditionFactory eventually() {
    return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20));
  }

  /** Waits until {@code source} holds {@code expected}. */
  private static void awaitConfig(
      AuthenticationConfigSource source, AuthenticationConfig expected) {
    eventually().until(() -> source.get().equals(expected));
  }

  private static List<X509Certificate> certificates(Issued... issued) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Issued i : issued) {
      certificates.add(i.certificate());
    }
    return certificates;
  }

  private static AuthenticationConfig kubeApiserverConfig(Issued requestCa) {
    return new AuthenticationConfig(
        certificates(requestCa),
        List.of("front-proxy-client"),
        List.of("X-Remote-User"),
        List.of("X-Remote-Group"),
        List.of("X-Remote-Extra-"),
        certificates(CLIENT_CA));
  }

  @Test
  void withoutConfigMapNothingIsTrusted() {
    assertEquals(AuthenticationConfig.NONE, watching(AuthenticationSettings.NONE).get());
  }

  @Test
  void watchPicksUpTheConfigMap() {
    create(kubeApiserverData(FRONT_PROXY_CA.certificatePem()));

    AuthenticationConfigSource source = watching(AuthenticationSettings.NONE);

    awaitConfig(source, kubeApiserverConfig(FRONT_PROXY_CA));
  }

  @Test
  void configMapCreatedAfterTheWatchStartedIsPickedUp() {
    AuthenticationConfigSource source = watching(AuthenticationSettings.NONE);
    assertEquals(AuthenticationConfig.NONE, source.get());

    create(kubeApiserverData(FRONT_PROXY_CA.certificatePem()));

    awaitConfig(source, kubeApiserverConfig(FRONT_PROXY_CA));
  }

  @Test
  void listValuesAreJsonArraysAndMissingKeysFallBackToDefaults() {
    create(
        Map.of(
            "requestheader-client-ca-file",
            FRONT_PROXY_CA.certificatePem() + ROTATED_FRONT_PROXY_CA.certificatePem(),
            "requestheader-allowed-names",
            "[\"front-proxy-client\",\"aggregator\"]",
            "requestheader-group-headers",
            "[\"X-Remote-Group\",\"X-Remote-Groups\"]"));

    AuthenticationConfigSource source = watching(AuthenticationSettings.NONE);

    awaitConfig(
        source,
        new AuthenticationConfig(
            certificates(FRONT_PROXY_CA, ROTATED_FRONT_PROXY_CA),
            List.of("front-proxy-client", "aggregator"),
            List.of("X-Remote-User"),
            List.of("X-Remote-Group", "X-Remote-Groups"),
            List.of("X-Remote-Extra-"),
            List.of()));
  }

  @Test
  void rotatedCaAppliesWithoutRestart() {
    create(kubeApiserverData(FRONT_PROXY_CA.certificatePem()));
    AuthenticationConfigSource source = watching(AuthenticationSettings.NONE);
    awaitConfig(source, kubeApiserverConfig(FRONT_PROXY_CA));

    update(Map.of("requestheader-client-ca-file", ROTATED_FRONT_PROXY_CA.certificatePem()));

    awaitConfig(source, kubeApiserverConfig(ROTATED_FRONT_PROXY_CA));
  }

  @Test
  void unparsablePemKeepsThePreviousConfigurationUntilAUsableOne() {
    create(kubeApiserverData(FRONT_PROXY_CA.certificatePem()));
    AuthenticationConfigSource source = watching(AuthenticationSettings.NONE);
    // A witness that takes the front-proxy CA from a flag, so the broken key does not concern it:
    // once it has seen the broken update, the update has been delivered.
    Path flagCa = FRONT_PROXY_CA.writeCertificate(dir.resolve("front-proxy-ca.crt"));
    AuthenticationConfigSource witness =
        watching(
            new AuthenticationSettings(
                Optional.of(flagCa),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    awaitConfig(source, kubeApiserverConfig(FRONT_PROXY_CA));

    update(
        Map.of(
            "requestheader-client-ca-file",
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
            "requestheader-allowed-names",
            "[\"someone-else\"]"));
    eventually().until(() -> witness.get().allowedNames().equals(List.of("someone-else")));

    Awaitility.await("the previous configuration stays")
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> source.get().equals(kubeApiserverConfig(FRONT_PROXY_CA)));

    update(Map.of("requestheader-client-ca-file", ROTATED_FRONT_PROXY_CA.certificatePem()));
    eventually()
        .until(
            () ->
                source.get().requestHeaderCas().equals(certificates(ROTATED_FRONT_PROXY_CA))
                    && source.get().allowedNames().equals(List.of("someone-else")));
  }

  static Stream<Arguments> unusableContent() {
    return Stream.of(
        Arguments.of("requestheader-client-ca-file", "not a certificate"),
        Arguments.of(
            "requestheader-client-ca-file",
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
        Arguments.of(
            "requestheader-client-ca-file",
            "-----BEGIN CERTIFICATE-----\n%%%% not base64 %%%%\n-----END CERTIFICATE-----\n"),
        Arguments.of("client-ca-file", "not a certificate"),
        Arguments.of("requestheader-allowed-names", "front-proxy-client"),
        Arguments.of("requestheader-username-headers", "{\"X-Remote-User\": true}"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("unusableContent")
  void unusableContentKeepsThePreviousConfiguration(String key, String value) {
    AuthenticationConfigSource source = new AuthenticationConfigSource(AuthenticationSettings.NONE);
    source.apply(configMap(kubeApiserverData(FRONT_PROXY_CA.certificatePem())));
    assertEquals(kubeApiserverConfig(FRONT_PROXY_CA), source.get());

    Map<String, String> broken = kubeApiserverData(ROTATED_FRONT_PROXY_CA.certificatePem());
    broken.put(key, value);
    source.apply(configMap(broken));

    assertEquals(kubeApiserverConfig(FRONT_PROXY_CA), source.get());
  }

  @Test
  void flagsTakePrecedenceOverTheConfigMap() {
    Issued flagRequestCa = TestCertificates.authority("flag-front-proxy-ca");
    Issued flagClientCa = TestCertificates.authority("flag-client-ca");
    AuthenticationSettings flags =
        new AuthenticationSettings(
            Optional.of(flagRequestCa.writeCertificate(dir.resolve("requestheader-ca.crt"))),
            Optional.of(List.of("flag-proxy")),
            Optional.empty(),
            Optional.of(List.of("X-Flag-Group")),
            Optional.empty(),
            Optional.of(flagClientCa.writeCertificate(dir.resolve("client-ca.crt"))));
    Map<String, String> data = kubeApiserverData(FRONT_PROXY_CA.certificatePem());
    data.put("requestheader-username-headers", "[\"X-Proxy-User\"]");
    create(data);

    AuthenticationConfigSource source = watching(flags);

    awaitConfig(
        source,
        new AuthenticationConfig(
            certificates(flagRequestCa),
            List.of("flag-proxy"),
            List.of("X-Proxy-User"),
            List.of("X-Flag-Group"),
            List.of("X-Remote-Extra-"),
            certificates(flagClientCa)));

    update(Map.of("requestheader-client-ca-file", ROTATED_FRONT_PROXY_CA.certificatePem()));
    update(Map.of("requestheader-username-headers", "[\"X-Other-User\"]"));
    eventually().until(() -> source.get().usernameHeaders().equals(List.of("X-Other-User")));
    assertEquals(certificates(flagRequestCa), source.get().requestHeaderCas());
  }

  @Test
  void deletedConfigMapKeepsItsLastContents() {
    create(kubeApiserverData(FRONT_PROXY_CA.certificatePem()));
    AuthenticationConfigSource source = watching(AuthenticationSettings.NONE);
    awaitConfig(source, kubeApiserverConfig(FRONT_PROXY_CA));
    AtomicBoolean deleted = new AtomicBoolean();
    SharedIndexInformer<ConfigMap> deletions =
        client
            .configMaps()
            .inNamespace(NAMESPACE)
            .withName(NAME)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ConfigMap configMap) {}

                  @Override
                  public void onUpdate(ConfigMap before, ConfigMap after) {}

                  @Override
                  public void onDelete(ConfigMap configMap, boolean unknownFinalState) {
                    deleted.set(true);
                  }
                });
    try {
      client.configMaps().inNamespace(NAMESPACE).withName(NAME).delete();
      eventually().untilTrue(deleted);
    } finally {
      deletions.close();
    }

    Awaitility.await("the last contents stay")
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> source.get().equals(kubeApiserverConfig(FRONT_PROXY_CA)));
  }

  @Test
  void closeStopsWatching() {
    create(kubeApiserverData(FRONT_PROXY_CA.certificatePem()));
    AuthenticationConfigSource closed = watching(AuthenticationSettings.NONE);
    AuthenticationConfigSource open = watching(AuthenticationSettings.NONE);
    eventually()
        .until(
            () ->
                closed.get().equals(kubeApiserverConfig(FRONT_PROXY_CA))
                    && open.get().equals(kubeApiserverConfig(FRONT_PROXY_CA)));

    closed.close();
    update(Map.of("requestheader-client-ca-file", ROTATED_FRONT_PROXY_CA.certificatePem()));

    eventually().until(() -> open.get().equals(kubeApiserverConfig(ROTATED_FRONT_PROXY_CA)));
    Awaitility.await("the closed source stays as it was")
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> closed.get().equals(kubeApiserverConfig(FRONT_PROXY_CA)));
  }
}
