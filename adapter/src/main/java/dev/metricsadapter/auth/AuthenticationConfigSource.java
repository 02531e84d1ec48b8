package dev.metricsadapter.auth;

import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.kube.KubeException;
import dev.metricsadapter.tls.PemCertificates;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current {@link AuthenticationConfig}: flags first, the rest from the {@code
 * kube-system/extension-apiserver-authentication} ConfigMap, which is watched, so CA rotations
 * apply without a restart. A ConfigMap that cannot be parsed keeps the previous configuration and
 * is logged. Thread-safe.
 */
public final class AuthenticationConfigSource
    implements Supplier<AuthenticationConfig>, AutoCloseable {

  static final String NAMESPACE = "kube-system";
  static final String NAME = "extension-apiserver-authentication";
  private static final Logger LOG = LoggerFactory.getLogger(AuthenticationConfigSource.class);

  private final AuthenticationSettings flags;
  private final List<X509Certificate> flagRequestHeaderCas;
  private final List<X509Certificate> flagClientCas;
  private final AtomicReference<AuthenticationConfig> current = new AtomicReference<>();
  private SharedIndexInformer<ConfigMap> informer;

  /** Reads the CA files named by the flags (blocking; call at startup). */
  public AuthenticationConfigSource(AuthenticationSettings flags) {
    this.flags = flags;
    this.flagRequestHeaderCas =
        flags.requestHeaderCaFile().map(AuthenticationConfigSource::read).orElse(List.of());
    this.flagClientCas =
        flags.clientCaFile().map(AuthenticationConfigSource::read).orElse(List.of());
    current.set(merge(Map.of()));
  }

  /**
   * Reads the ConfigMap once through {@code client} (blocking; call at startup), then watches it
   * until {@link #close()}.
   *
   * @throws AdapterException naming the API server and the ConfigMap if the first read fails
   */
  public AuthenticationConfigSource watch(KubernetesClient client) {
    ConfigMap first;
    try {
      first = client.configMaps().inNamespace(NAMESPACE).withName(NAME).get();
    } catch (KubernetesClientException e) {
      throw KubeException.fromClient(
          "read " + NAMESPACE + "/" + NAME + " from " + client.getMasterUrl(), e);
    }
    if (first == null) {
      LOG.warn("{}/{} does not exist; using the flags alone", NAMESPACE, NAME);
    }
    informer =
        client
            .configMaps()
            .inNamespace(NAMESPACE)
            .withName(NAME)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ConfigMap configMap) {
                    apply(configMap);
                  }

                  @Override
                  public void onUpdate(ConfigMap before, ConfigMap after) {
                    apply(after);
                  }

                  @Override
                  public void onDelete(ConfigMap configMap, boolean unknownFinalState) {
                    LOG.warn("{}/{} was deleted; keeping its last contents", NAMESPACE, NAME);
                  }
                });
    return this;
  }

  @Override
  public AuthenticationConfig get() {
    return current.get();
  }

  /** Applies a ConfigMap's contents; visible for tests. */
  void apply(ConfigMap configMap) {
    try {
      current.set(merge(configMap.getData() == null ? Map.of() : configMap.getData()));
      LOG.info("authentication configuration loaded from {}/{}", NAMESPACE, NAME);
    } catch (IllegalArgumentException e) {
      LOG.error(
          "cannot use {}/{}, keeping the previous configuration: {}",
          NAMESPACE,
          NAME,
          e.getMessage());
    }
  }

  private AuthenticationConfig merge(Map<String, String> data) {
    return new AuthenticationConfig(
        flags.requestHeaderCaFile().isPresent()
            ? flagRequestHeaderCas
            : pem(data, "requestheader-client-ca-file"),
        flags.allowedNames().orElseGet(() -> list(data, "requestheader-allowed-names", List.of())),
        flags
            .usernameHeaders()
            .orElseGet(
                () -> list(data, "requestheader-username-headers", List.of("X-Remote-User"))),
        flags
            .groupHeaders()
            .orElseGet(() -> list(data, "requestheader-group-headers", List.of("X-Remote-Group"))),
        flags
            .extraHeaderPrefixes()
            .orElseGet(
                () -> list(data, "requestheader-extra-headers-prefix", List.of("X-Remote-Extra-"))),
        flags.clientCaFile().isPresent() ? flagClientCas : pem(data, "client-ca-file"));
  }

  private static List<X509Certificate> pem(Map<String, String> data, String key) {
    String value = data.get(key);
    return value == null || value.isBlank()
        ? List.of()
        : PemCertificates.parse(value, NAME + " key " + key);
  }

  /** A ConfigMap value holding a JSON array of strings. */
  private static List<String> list(Map<String, String> data, String key, List<String> fallback) {
    String value = data.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      List<String> values = new ArrayList<>();
      new JsonArray(value).forEach(item -> values.add(String.valueOf(item)));
      return values;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(NAME + " key " + key + " is not a JSON list: " + value, e);
    }
  }

  private static List<X509Certificate> read(Path file) {
    try {
      return PemCertificates.parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    Optional.ofNullable(informer).ifPresent(SharedIndexInformer::close);
  }
}
