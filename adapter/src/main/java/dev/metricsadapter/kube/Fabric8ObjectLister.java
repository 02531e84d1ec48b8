package dev.metricsadapter.kube;

import dev.metricsadapter.query.LabelSelector;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.ResourceInfo;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Listable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Lists object names through the Kubernetes API with fabric8's generic resources, so any discovered
 * resource, custom ones included, can be listed. Blocking fabric8 calls run on the given worker
 * pool; results are delivered on the caller's Vert.x context.
 *
 * <p>Answers are cached for a short time (HPAs ask every 15 s per metric, often for the same
 * objects), keyed by resource, namespace and selector, with a bound on the number of entries
 * (oldest evicted first). Concurrent identical requests share one API call. Failures are not
 * cached. Thread-safe.
 *
 * <p>Fails with a {@link KubeException}: {@code FORBIDDEN} when RBAC denies the adapter the list,
 * {@code UNAVAILABLE} or {@code TIMEOUT} when the API server is unreachable or slow.
 */
public final class Fabric8ObjectLister implements ObjectLister {

  /** The default time an answer is reused. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);

  /** The default bound on cached answers. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  private static final long PAGE_SIZE = 500;

  private final WorkerExecutor workers;
  private final KubernetesClient client;
  private final long ttlNanos;
  private final LongSupplier nanoClock;
  private final Map<Key, Entry> cache;

  /** A lister with the default TTL and cache bound. */
  public Fabric8ObjectLister(WorkerExecutor workers, KubernetesClient client) {
    this(workers, client, DEFAULT_TTL, DEFAULT_MAX_ENTRIES, System::nanoTime);
  }

  /**
   * @param workers runs the blocking list calls; the caller owns (and closes) it
   * @param client the Kubernetes client; the caller owns (and closes) it
   * @param ttl how long an answer is reused; zero disables reuse (concurrent identical requests
   *     still share one call)
   * @param maxEntries the most answers kept
   * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
   */
  public Fabric8ObjectLister(
      WorkerExecutor workers,
      KubernetesClient client,
      Duration ttl,
      int maxEntries,
      LongSupplier nanoClock) {
    this.workers = Objects.requireNonNull(workers, "workers");
    this.client = Objects.requireNonNull(client, "client");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative: " + ttl);
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
    this.ttlNanos = ttl.toNanos();
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    this.cache =
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > maxEntries;
          }
        };
  }

  private record Key(GroupResource resource, String namespace, String selector) {}

  /** One cached answer; {@code expiresAt} is only meaningful once {@code future} is complete. */
  private static final class Entry {
    final Future<List<String>> future;
    long expiresAt;

    Entry(Future<List<String>> future) {
      this.future = future;
    }
  }

  @Override
  public Future<List<String>> names(
      ResourceInfo resource, String namespace, LabelSelector selector, MetricSource metric) {
    String effectiveNamespace = resource.namespaced() ? namespace : null;
    Key key = new Key(resource.groupResource(), effectiveNamespace, selector.toString());
    Future<List<String>> shared;
    Promise<List<String>> started = null;
    synchronized (cache) {
      Entry entry = cache.get(key);
      if (entry != null
          && (!entry.future.isComplete() || nanoClock.getAsLong() < entry.expiresAt)) {
        shared = entry.future;
      } else {
        if (entry != null) {
          cache.remove(key); // re-inserted below, so it counts as the newest again
        }
        started = Promise.promise();
        shared = started.future();
        cache.put(key, new Entry(shared));
      }
    }
    if (started != null) {
      Promise<List<String>> promise = started;
      Future<List<String>> listed;
      try {
        listed =
            workers.executeBlocking(
                () -> list(resource, effectiveNamespace, key.selector()), false);
      } catch (RuntimeException e) {
        listed = Future.failedFuture(KubeException.internal("cannot list objects: " + e, e));
      }
      listed.onComplete(result -> complete(key, promise, result));
    }
    return onCallerContext(shared);
  }

  private void complete(Key key, Promise<List<String>> promise, AsyncResult<List<String>> result) {
    synchronized (cache) {
      Entry entry = cache.get(key);
      if (entry != null && entry.future == promise.future()) {
        if (result.succeeded()) {
          entry.expiresAt = nanoClock.getAsLong() + ttlNanos;
        } else {
          cache.remove(key);
        }
      }
    }
    promise.handle(result);
  }

  // A shared answer completes on whichever context started the call; hand it to each caller on
  // its own context so callers never run on another verticle's event loop.
  private static <T> Future<T> onCallerContext(Future<T> shared) {
    Context context = Vertx.currentContext();
    if (context == null) {
      return shared;
    }
    Promise<T> mine = Promise.promise();
    shared.onComplete(result -> context.runOnContext(ignored -> mine.handle(result)));
    return mine.future();
  }

  private List<String> list(ResourceInfo resource, String namespace, String selector) {
    ResourceDefinitionContext definition =
        new ResourceDefinitionContext.Builder()
            .withGroup(resource.groupResource().group())
            .withVersion(resource.version())
            .withKind(resource.kind())
            .withPlural(resource.groupResource().resource())
            .withNamespaced(resource.namespaced())
            .build();
    var operation = client.genericKubernetesResources(definition);
    Listable<GenericKubernetesResourceList> listable;
    if (!resource.namespaced()) {
      listable = operation;
    } else if (namespace == null) {
      listable = operation.inAnyNamespace();
    } else {
      listable = operation.inNamespace(namespace);
    }
    List<String> names = new ArrayList<>();
    String continueToken = null;
    try {
      do {
        ListOptionsBuilder options = new ListOptionsBuilder().withLimit(PAGE_SIZE);
        if (!selector.isEmpty()) {
          options.withLabelSelector(selector);
        }
        if (continueToken != null) {
          options.withContinue(continueToken);
        }
        ListOptions built = options.build();
        GenericKubernetesResourceList page = listable.list(built);
        if (page.getItems() != null) {
          for (GenericKubernetesResource item : page.getItems()) {
            if (item.getMetadata() != null && item.getMetadata().getName() != null) {
              names.add(item.getMetadata().getName());
            }
          }
        }
        continueToken = page.getMetadata() == null ? null : page.getMetadata().getContinue();
      } while (continueToken != null && !continueToken.isEmpty());
    } catch (RuntimeException e) {
      throw KubeException.fromClient("list", describe(resource.groupResource()), namespace, e);
    }
    // Listing across namespaces can return the same name twice; callers want names.
    return names.stream().sorted().distinct().toList();
  }

  private static String describe(GroupResource resource) {
    return resource.group().isEmpty()
        ? resource.resource()
        : resource.resource() + "." + resource.group();
  }
}
