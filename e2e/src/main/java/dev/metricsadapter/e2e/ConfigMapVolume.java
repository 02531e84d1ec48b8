package dev.metricsadapter.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ConfigMap "mounted" into a local directory, as the kubelet projects a {@code configMap} volume
 * into a pod: it watches one ConfigMap (a fabric8 informer) and writes its {@code data} and {@code
 * binaryData} into the directory with an {@link AtomicDirectory} ({@code ..data} symlink swapped
 * atomically, one {@code KEY -> ..data/KEY} symlink per key, removed keys' symlinks and old
 * versions deleted). A local process reading the directory (the adapter's {@code --config}) thus
 * sees updates as it would in a pod.
 *
 * <p>Unlike a kubelet, which syncs a volume about once a minute, it writes each change as soon as
 * the watch delivers it. Until the ConfigMap exists the directory stays empty (no {@code ..data});
 * a deleted ConfigMap leaves its last content in place, as a running pod keeps its volume's files.
 * Keys that are not valid file names of the layout are skipped and logged. The directory is left as
 * it is on {@link #close}.
 *
 * <p>Thread-safety: informer events are handled one at a time on fabric8's informer thread; the
 * public methods may be called from any thread. A failed write is logged and leaves the previous
 * content; the next change of the ConfigMap tries again.
 */
public final class ConfigMapVolume implements AutoCloseable {

  private final Logger log = LoggerFactory.getLogger(ConfigMapVolume.class);
  private final Spec spec;
  private final AtomicDirectory directory;
  private volatile SharedIndexInformer<ConfigMap> informer;
  private volatile String projectedVersion;

  /**
   * Which ConfigMap goes where. Immutable; the constructor fails with {@link
   * IllegalArgumentException} on a name that is not a Kubernetes object name.
   *
   * @param namespace the ConfigMap's namespace
   * @param name the ConfigMap's name
   * @param dir the directory its keys are written into (created if missing)
   */
  public record Spec(String namespace, String name, Path dir) {
    private static final Pattern FORMAT = Pattern.compile("([^/=]+)/([^/=]+)=(.+)");
    private static final Pattern OBJECT_NAME = Pattern.compile("[a-z0-9]([-.a-z0-9]*[a-z0-9])?");

    public Spec {
      Require.nonNull("namespace", namespace, "name", name, "dir", dir);
      if (!OBJECT_NAME.matcher(namespace).matches() || !OBJECT_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "'" + namespace + "/" + name + "' is not NAMESPACE/NAME of a ConfigMap");
      }
    }

    /**
     * Parses {@code NAMESPACE/NAME=DIR}.
     *
     * @throws IllegalArgumentException if {@code value} has another form
     */
    public static Spec parse(String value) {
      Matcher m = FORMAT.matcher(value.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "'" + value + "' is not NAMESPACE/NAME=DIR, e.g. metrics-adapter/rules=/tmp/rules");
      }
      return new Spec(m.group(1), m.group(2), Path.of(m.group(3)));
    }

    @Override
    public String toString() {
      return namespace + "/" + name + "=" + dir;
    }
  }

  private ConfigMapVolume(Spec spec) {
    this.spec = spec;
    this.directory = new AtomicDirectory(spec.dir());
  }

  /**
   * Starts watching and returns once the informer has listed the ConfigMap (its content is then in
   * the directory if it exists). The caller keeps ownership of {@code client}; close this first.
   *
   * @throws IllegalStateException if the ConfigMap cannot be listed in time
   */
  public static ConfigMapVolume start(KubernetesClient client, Spec spec) {
    ConfigMapVolume volume = new ConfigMapVolume(spec);
    volume.watch(client);
    return volume;
  }

  private void watch(KubernetesClient client) {
    SharedIndexInformer<ConfigMap> watching =
        client.configMaps().inNamespace(spec.namespace()).withName(spec.name()).runnableInformer(0);
    watching.addEventHandler(
        new GuardedHandler<>(
            log,
            "configmap-volume " + spec.namespace() + "/" + spec.name() + ": cannot handle an event",
            this::project,
            deleted ->
                log.warn(
                    "configmap-volume {}/{}: deleted; {} keeps its last content",
                    spec.namespace(),
                    spec.name(),
                    spec.dir())));
    informer = watching;
    log.info(
        "configmap-volume {}/{}: projecting into {}", spec.namespace(), spec.name(), spec.dir());
    Informers.startAndSync(
        watching, "the ConfigMap " + spec.namespace() + "/" + spec.name(), this::close);
    if (projectedVersion == null) {
      log.info(
          "configmap-volume {}/{}: no such ConfigMap yet; {} stays empty until it exists",
          spec.namespace(),
          spec.name(),
          spec.dir());
    }
  }

  /** What it projects where. */
  public Spec spec() {
    return spec;
  }

  /** The resourceVersion of the ConfigMap whose content the directory holds, if any yet. */
  public Optional<String> projectedVersion() {
    return Optional.ofNullable(projectedVersion);
  }

  /** Stops watching; the directory keeps its content. Idempotent. */
  @Override
  public void close() {
    SharedIndexInformer<ConfigMap> watching = informer;
    informer = null;
    if (watching != null) {
      watching.close();
    }
  }

  /** The files of a ConfigMap: {@code data} as UTF-8, {@code binaryData} decoded, by key. */
  static Map<String, byte[]> files(ConfigMap configMap) {
    Map<String, byte[]> files = new TreeMap<>();
    Optional.ofNullable(configMap.getData())
        .orElse(Map.of())
        .forEach((key, value) -> files.put(key, value.getBytes(StandardCharsets.UTF_8)));
    Optional.ofNullable(configMap.getBinaryData())
        .orElse(Map.of())
        .forEach((key, value) -> files.put(key, Base64.getMimeDecoder().decode(value)));
    return files;
  }

  private void project(ConfigMap configMap) {
    String version = configMap.getMetadata().getResourceVersion();
    Map<String, byte[]> files = files(configMap);
    files
        .keySet()
        .removeIf(
            key -> {
              if (AtomicDirectory.validKey(key)) {
                return false;
              }
              log.warn(
                  "configmap-volume {}/{}: key '{}' is not a file name here; skipped",
                  spec.namespace(),
                  spec.name(),
                  key);
              return true;
            });
    try {
      Optional<String> written = directory.write(files);
      projectedVersion = version;
      if (written.isPresent()) {
        log.info(
            "configmap-volume {}/{}: resourceVersion {} ({} keys: {}) projected into {} as {}",
            spec.namespace(),
            spec.name(),
            version,
            files.size(),
            String.join(", ", files.keySet()),
            spec.dir(),
            written.get());
      }
    } catch (UncheckedIOException e) {
      log.error(
          "configmap-volume {}/{}: cannot project resourceVersion {}: {}",
          spec.namespace(),
          spec.name(),
          version,
          e.getMessage());
    }
  }
}
