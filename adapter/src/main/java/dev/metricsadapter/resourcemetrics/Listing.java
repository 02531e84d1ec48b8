package dev.metricsadapter.resourcemetrics;

import dev.metricsadapter.kube.ResourceObjects.KubeObject;
import dev.metricsadapter.query.QueryInput;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The pods or nodes a usage answer reports on, once a request's {@link Targets} are looked up:
 * those the Kubernetes API listed ({@link Listed}), none because it listed none ({@link Nothing}),
 * or, standalone, whichever the queries return ({@link Unlisted}).
 */
sealed interface Listing {

  /** The Listing of what the Kubernetes API listed. */
  static Listing of(List<KubeObject> listed) {
    return listed.isEmpty() ? new Nothing() : new Listed(listed);
  }

  /** The Kubernetes API listed nothing: the answer is empty, and nothing is queried. */
  record Nothing() implements Listing {}

  /** A listing whose usage is queried. */
  sealed interface Queried extends Listing {

    /**
     * {@code input} restricted to the objects reported on.
     *
     * @param objectLabel the label holding pod or node names
     * @param namespaceLabel the label holding namespaces; empty for nodes
     */
    QueryInput restrict(QueryInput input, String objectLabel, Optional<String> namespaceLabel);

    /**
     * The objects reported on, with their labels, sorted.
     *
     * @param measured the objects the CPU query returned
     */
    SortedMap<ObjectKey, Map<String, String>> objects(Set<ObjectKey> measured);
  }

  /**
   * Objects from the Kubernetes API: exactly these are reported on (those with usage).
   *
   * @param objects the objects listed, never empty
   */
  record Listed(List<KubeObject> objects) implements Queried {
    public Listed {
      if (objects.isEmpty()) {
        throw new IllegalArgumentException("a listing of no objects is Nothing");
      }
      objects = List.copyOf(objects);
    }

    @Override
    public QueryInput restrict(
        QueryInput input, String objectLabel, Optional<String> namespaceLabel) {
      QueryInput named =
          namespaceLabel
              .map(label -> input.withNamespaces(label, distinct(objects, KubeObject::namespace)))
              .orElse(input);
      return named.withResource(objectLabel, distinct(objects, KubeObject::name));
    }

    @Override
    public SortedMap<ObjectKey, Map<String, String>> objects(Set<ObjectKey> measured) {
      SortedMap<ObjectKey, Map<String, String>> reported = new TreeMap<>();
      objects.forEach(object -> reported.put(ObjectKey.of(object), object.labels()));
      return reported;
    }

    private static List<String> distinct(
        List<KubeObject> objects, Function<KubeObject, String> field) {
      return objects.stream().map(field).distinct().toList();
    }
  }

  /**
   * Standalone: the objects reported on are those the queries return, without labels.
   *
   * @param namespace the pods' namespace; empty for every namespace and for nodes
   */
  record Unlisted(Optional<String> namespace) implements Queried {

    @Override
    public QueryInput restrict(
        QueryInput input, String objectLabel, Optional<String> namespaceLabel) {
      QueryInput named =
          namespaceLabel
              .map(label -> input.withNamespaces(label, namespace.stream().toList()))
              .orElse(input);
      return named.withAnyResource(objectLabel);
    }

    @Override
    public SortedMap<ObjectKey, Map<String, String>> objects(Set<ObjectKey> measured) {
      SortedMap<ObjectKey, Map<String, String>> reported = new TreeMap<>();
      measured.forEach(key -> reported.put(key, Map.of()));
      return reported;
    }
  }
}
