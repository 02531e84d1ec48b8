package dev.metricsadapter.resourcemetrics;

import dev.metricsadapter.query.LabelSelector;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@code metrics.k8s.io} request asks for: one pod or node by name, or every pod (of a
 * namespace or of the cluster) or node that matches a label selector. Either way the objects are
 * found by listing {@link #namespace()} with {@link #selector()} and keeping those {@link
 * #includes(ObjectKey) included}.
 */
public sealed interface Targets {

  /** The namespace listed: a pod's namespace, or empty for every namespace and for nodes. */
  Optional<String> namespace();

  /** The request's {@code labelSelector}; the targets match it. */
  LabelSelector selector();

  /** Whether the object {@code key}, found by listing, is one of the targets. */
  boolean includes(ObjectKey key);

  /**
   * One pod ({@code namespaces/{ns}/pods/{name}}) or node ({@code nodes/{name}}).
   *
   * @param key the pod's namespace and name, or the node's name
   * @param selector the request's {@code labelSelector}, which the object must match as well
   */
  record One(ObjectKey key, LabelSelector selector) implements Targets {
    public One {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(selector, "selector");
    }

    @Override
    public Optional<String> namespace() {
      return Optional.ofNullable(key.namespace());
    }

    @Override
    public boolean includes(ObjectKey object) {
      return key.equals(object);
    }
  }

  /**
   * Every pod in {@code namespace} (empty: in every namespace), or every node, that matches {@code
   * selector} ({@code pods}, {@code namespaces/{ns}/pods}, {@code nodes}).
   *
   * @param namespace the pods' namespace; empty for every namespace and for nodes
   * @param selector the request's {@code labelSelector}
   */
  record All(Optional<String> namespace, LabelSelector selector) implements Targets {
    public All {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(selector, "selector");
    }

    @Override
    public boolean includes(ObjectKey object) {
      return true;
    }
  }
}
