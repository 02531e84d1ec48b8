package dev.metricsadapter.kube;

import dev.metricsadapter.query.LabelSelector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@link ResourceObjects} from the Kubernetes API through fabric8: running pods (field selector
 * {@code status.phase=Running}, as metrics-server reports only those) and nodes, listed on a worker
 * pool, sorted by namespace and name.
 *
 * @param workers runs the blocking calls; the caller owns it
 * @param client the Kubernetes client; the caller owns it
 */
public record Fabric8ResourceObjects(WorkerExecutor workers, KubernetesClient client)
    implements ResourceObjects {

  @Override
  public Future<List<KubeObject>> runningPods(String namespace, LabelSelector selector) {
    return list(
        "list pods" + (namespace == null ? " cluster-wide" : " in namespace " + namespace),
        () -> {
          var pods =
              namespace == null
                  ? client.pods().inAnyNamespace()
                  : client.pods().inNamespace(namespace);
          var filtered = pods.withField("status.phase", "Running");
          return (selector.isEmpty() ? filtered : filtered.withLabelSelector(selector.toString()))
              .list()
              .getItems();
        });
  }

  @Override
  public Future<List<KubeObject>> nodes(LabelSelector selector) {
    return list(
        "list nodes",
        () ->
            (selector.isEmpty()
                    ? client.nodes()
                    : client.nodes().withLabelSelector(selector.toString()))
                .list()
                .getItems());
  }

  private Future<List<KubeObject>> list(String action, Callable<List<? extends HasMetadata>> call) {
    return workers.executeBlocking(
        () -> {
          try {
            return call.call().stream()
                .map(object -> object(object.getMetadata()))
                .sorted(
                    Comparator.comparing(
                            (KubeObject o) -> o.namespace() == null ? "" : o.namespace())
                        .thenComparing(KubeObject::name))
                .toList();
          } catch (RuntimeException e) {
            throw KubeException.fromClient(action, e);
          }
        },
        false);
  }

  private static KubeObject object(ObjectMeta metadata) {
    Map<String, String> labels = metadata.getLabels() == null ? Map.of() : metadata.getLabels();
    return new KubeObject(metadata.getNamespace(), metadata.getName(), labels);
  }
}
