package dev.metricsadapter.app;

import dev.metricsadapter.kube.DiscoveryResourceMapper;
import dev.metricsadapter.kube.Fabric8ObjectLister;
import dev.metricsadapter.kube.Fabric8ResourceObjects;
import dev.metricsadapter.kube.ObjectLister;
import dev.metricsadapter.kube.ResourceObjects;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.resources.ResourceMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether the adapter has a Kubernetes connection, and what each case uses for resources, objects,
 * and pods and nodes. Built by {@link KubernetesModule}; closing it releases the connection.
 */
sealed interface Mode extends AutoCloseable permits Mode.Standalone, Mode.Connected {

  /** How often the REST mapping is read again from the API's discovery documents. */
  Duration REST_MAPPING_REFRESH = Duration.ofMinutes(1);

  /** Which resources exist and whether each is namespaced. */
  ResourceMapper mapper();

  /**
   * Lists the objects a wildcard request names.
   *
   * @param fromSeries the standalone lister, built only when used
   */
  ObjectLister lister(Supplier<ObjectLister> fromSeries);

  /** Pods and nodes of resource-metrics requests; empty in standalone mode. */
  Optional<ResourceObjects> resourceObjects();

  /** The mode, for the start-up line. */
  String describe();

  @Override
  void close();

  /** No Kubernetes connection: the built-in resource table, objects from series labels. */
  record Standalone() implements Mode {
    private static final ResourceMapper BUILT_IN = new BuiltinResourceMapper();

    @Override
    public ResourceMapper mapper() {
      return BUILT_IN;
    }

    @Override
    public ObjectLister lister(Supplier<ObjectLister> fromSeries) {
      return fromSeries.get();
    }

    @Override
    public Optional<ResourceObjects> resourceObjects() {
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "standalone mode (no Kubernetes connection)";
    }

    @Override
    public void close() {}
  }

  /**
   * A Kubernetes connection: the REST mapping from API discovery, objects and pods and nodes from
   * the API, blocking calls on {@code workers}.
   *
   * @param client the connection; closed with the mode
   * @param workers runs the blocking fabric8 calls; closed with the mode
   * @param restMapping refreshed every {@link #REST_MAPPING_REFRESH}; closed with the mode
   */
  record Connected(
      KubernetesClient client, WorkerExecutor workers, DiscoveryResourceMapper restMapping)
      implements Mode {

    @Override
    public ResourceMapper mapper() {
      return restMapping;
    }

    @Override
    public ObjectLister lister(Supplier<ObjectLister> fromSeries) {
      return new Fabric8ObjectLister(workers, client);
    }

    @Override
    public Optional<ResourceObjects> resourceObjects() {
      return Optional.of(new Fabric8ResourceObjects(workers, client));
    }

    @Override
    public String describe() {
      return "Kubernetes API for objects and resources";
    }

    @Override
    public void close() {
      restMapping.close();
      Blocking.await(workers.close(), Duration.ofSeconds(30));
      client.close();
    }
  }
}
