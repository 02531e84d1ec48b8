package dev.metricsadapter.testing;

import dev.metricsadapter.kube.ResourceObjects;
import dev.metricsadapter.query.LabelSelector;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link ResourceObjects} that list the same pods and nodes for every namespace and selector, and
 * record each call as {@code pods in NAMESPACE with SELECTOR} ({@code *}: every namespace) or
 * {@code nodes with SELECTOR}. Thread-safe.
 */
public final class ListedObjects implements ResourceObjects {

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<KubeObject> pods;
  private final List<KubeObject> nodes;

  public ListedObjects(List<KubeObject> pods, List<KubeObject> nodes) {
    this.pods = List.copyOf(pods);
    this.nodes = List.copyOf(nodes);
  }

  /** Every call so far, in call order. */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public Future<List<KubeObject>> runningPods(String namespace, LabelSelector selector) {
    calls.add("pods in " + (namespace == null ? "*" : namespace) + " with " + selector);
    return Future.succeededFuture(pods);
  }

  @Override
  public Future<List<KubeObject>> nodes(LabelSelector selector) {
    calls.add("nodes with " + selector);
    return Future.succeededFuture(nodes);
  }
}
