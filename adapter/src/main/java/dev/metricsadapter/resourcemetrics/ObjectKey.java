package dev.metricsadapter.resourcemetrics;

import dev.metricsadapter.kube.ResourceObjects.KubeObject;
import java.util.Comparator;
import java.util.Objects;

/**
 * Names one pod or node: what {@code metrics.k8s.io} usage is keyed, joined and sorted by.
 *
 * @param namespace the pod's namespace; {@code null} for a node
 * @param name the object's name
 */
public record ObjectKey(String namespace, String name) implements Comparable<ObjectKey> {

  private static final Comparator<ObjectKey> ORDER =
      Comparator.comparing(ObjectKey::namespace, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(ObjectKey::name);

  public ObjectKey {
    Objects.requireNonNull(name, "name");
  }

  /** The key of pod {@code name} in {@code namespace}. */
  public static ObjectKey pod(String namespace, String name) {
    return new ObjectKey(Objects.requireNonNull(namespace, "namespace"), name);
  }

  /** The key of node {@code name}. */
  public static ObjectKey node(String name) {
    return new ObjectKey(null, name);
  }

  /** The key of an object listed from the Kubernetes API. */
  static ObjectKey of(KubeObject object) {
    return new ObjectKey(object.namespace(), object.name());
  }

  /** By namespace (nodes first), then by name. */
  @Override
  public int compareTo(ObjectKey other) {
    return ORDER.compare(this, other);
  }

  /** {@code namespace/name}, or {@code name} for a node, as Kubernetes messages write it. */
  @Override
  public String toString() {
    return namespace == null ? name : namespace + "/" + name;
  }
}
