package dev.metricsadapter.kube;

import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.ResourceInfo;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.resources.TableResourceMapper;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ResourceMapper} built from the Kubernetes API's discovery documents: the core {@code v1}
 * resources, then every API group's preferred version, in discovery order (so the core group wins
 * when a name is ambiguous), except the groups the adapter serves itself. Subresources ({@code
 * pods/log}) are left out.
 *
 * <p>The table is an immutable {@link TableResourceMapper} swapped atomically, so lookups never
 * block and always see one consistent table. Until the first successful {@link #refresh()} lookups
 * go to the fallback mapper given to the constructor. A failed refresh keeps the previous table; a
 * group whose own discovery fails (an aggregated API that is down) keeps its previous entries while
 * the groups that answered are updated. Failing and recovering are each logged once.
 *
 * <p>Discovery calls block, so they run on the given worker pool, never on an event loop.
 * Thread-safe.
 */
public final class DiscoveryResourceMapper implements ResourceMapper, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryResourceMapper.class);

  private final Vertx vertx;
  private final WorkerExecutor workers;
  private final KubernetesClient client;
  private final ResourceMapper fallback;
  private final Set<String> ownGroups;
  private final AtomicReference<TableResourceMapper> table = new AtomicReference<>();
  private final AtomicReference<Future<Void>> running = new AtomicReference<>();
  // Only touched from refresh completions, which never overlap.
  private boolean failing;
  private Set<String> failingGroups = Set.of();
  private volatile boolean closed;
  private volatile long timer = -1;

  /**
   * @param vertx schedules periodic refreshes
   * @param workers runs the blocking discovery calls; the caller owns (and closes) it
   * @param client the Kubernetes client; the caller owns (and closes) it
   * @param fallback answers until the first successful refresh, e.g. the built-in table
   * @param ownGroups the API groups this adapter serves: never read, since through the aggregator
   *     they are unavailable until this adapter is, and no rule describes their objects
   */
  public DiscoveryResourceMapper(
      Vertx vertx,
      WorkerExecutor workers,
      KubernetesClient client,
      ResourceMapper fallback,
      Set<String> ownGroups) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.client = Objects.requireNonNull(client, "client");
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    this.ownGroups = Set.copyOf(ownGroups);
  }

  @Override
  public Optional<ResourceInfo> resolve(String group, String name) {
    return current().resolve(group, name);
  }

  @Override
  public List<ResourceInfo> resources() {
    return current().resources();
  }

  /** Whether a refresh has succeeded, so lookups answer from discovery rather than the fallback. */
  public boolean discovered() {
    return table.get() != null;
  }

  /**
   * Runs discovery once and swaps the table in. A refresh asked for while one is running joins it.
   *
   * @return completes when the table is updated; fails (with a {@link KubeException} in most cases)
   *     when discovery of the core group or of the group list failed, leaving the previous table in
   *     place
   */
  public Future<Void> refresh() {
    Promise<Void> promise = Promise.promise();
    Future<Void> joined = running.compareAndExchange(null, promise.future());
    if (joined != null) {
      return joined;
    }
    Future<Discovery> discovery;
    try {
      discovery = workers.executeBlocking(this::discover, false);
    } catch (RuntimeException e) {
      discovery = Future.failedFuture(KubeException.internal("cannot run API discovery: " + e, e));
    }
    discovery.onComplete(
        result -> {
          if (result.succeeded()) {
            table.set(new TableResourceMapper(result.result().resources()));
            noteSuccess(result.result().failedGroups());
          } else {
            noteFailure(result.cause());
          }
          running.set(null);
          promise.handle(result.mapEmpty());
        });
    return promise.future();
  }

  /**
   * Refreshes now, then every {@code period} after the previous refresh ended, until {@link
   * #close()}. Call at most once.
   *
   * @return the first refresh
   */
  public Future<Void> start(Duration period) {
    long millis = Math.max(1, period.toMillis());
    Future<Void> first = refresh();
    first.onComplete(ignored -> scheduleNext(millis));
    return first;
  }

  /** Stops periodic refreshes; lookups keep answering from the last table. */
  @Override
  public void close() {
    closed = true;
    long id = timer;
    if (id >= 0) {
      vertx.cancelTimer(id);
    }
  }

  private void scheduleNext(long millis) {
    if (closed) {
      return;
    }
    timer =
        vertx.setTimer(
            millis,
            id -> {
              if (!closed) {
                refresh().onComplete(ignored -> scheduleNext(millis));
              }
            });
  }

  private ResourceMapper current() {
    ResourceMapper discovered = table.get();
    return discovered != null ? discovered : fallback;
  }

  private record Discovery(List<ResourceInfo> resources, Map<String, String> failedGroups) {}

  private Discovery discover() {
    APIResourceList core;
    try {
      core = client.getApiResources("v1");
    } catch (RuntimeException e) {
      throw KubeException.fromClient("read the API discovery document /api/v1", e);
    }
    if (core == null || core.getResources() == null || core.getResources().isEmpty()) {
      // Every API server lists the core resources; an empty answer (a proxy, a mock) must not
      // replace a working table with an empty one.
      throw KubeException.notFound("the Kubernetes API lists no resources in /api/v1");
    }
    APIGroupList groups;
    try {
      groups = client.getApiGroups();
    } catch (RuntimeException e) {
      throw KubeException.fromClient("read the API discovery document /apis", e);
    }
    List<ResourceInfo> resources = new ArrayList<>();
    addResources(resources, "", "v1", core);
    Map<String, String> failed = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    List<APIGroup> groupList =
        groups == null || groups.getGroups() == null ? List.of() : groups.getGroups();
    for (APIGroup group : groupList) {
      String name = group.getName();
      String groupVersion = preferredGroupVersion(group);
      if (name == null
          || name.isEmpty()
          || groupVersion == null
          || ownGroups.contains(name)
          || !seen.add(name)) {
        continue;
      }
      try {
        APIResourceList list = client.getApiResources(groupVersion);
        if (list == null) {
          throw KubeException.notFound("/apis/" + groupVersion + " is not served");
        }
        addResources(resources, name, versionOf(groupVersion), list);
      } catch (RuntimeException e) {
        failed.put(name, KubeException.fromClient("read /apis/" + groupVersion, e).getMessage());
        resources.addAll(previousOf(name));
      }
    }
    return new Discovery(resources, failed);
  }

  private List<ResourceInfo> previousOf(String group) {
    return current().resources().stream()
        .filter(r -> r.groupResource().group().equals(group))
        .toList();
  }

  private static void addResources(
      List<ResourceInfo> into, String group, String version, APIResourceList list) {
    if (list.getResources() == null) {
      return;
    }
    for (APIResource resource : list.getResources()) {
      String plural = resource.getName();
      String kind = resource.getKind();
      if (plural == null || plural.isEmpty() || plural.contains("/") || kind == null) {
        continue;
      }
      String singular = resource.getSingularName();
      if (singular == null || singular.isEmpty()) {
        singular = kind.toLowerCase(Locale.ROOT);
      }
      List<String> shortNames =
          resource.getShortNames() == null ? List.of() : List.copyOf(resource.getShortNames());
      into.add(
          new ResourceInfo(
              new GroupResource(group, plural),
              version,
              kind,
              singular,
              shortNames,
              Boolean.TRUE.equals(resource.getNamespaced())));
    }
  }

  private static String preferredGroupVersion(APIGroup group) {
    GroupVersionForDiscovery preferred = group.getPreferredVersion();
    if (preferred != null && preferred.getGroupVersion() != null) {
      return preferred.getGroupVersion();
    }
    if (group.getVersions() != null && !group.getVersions().isEmpty()) {
      return group.getVersions().get(0).getGroupVersion();
    }
    return null;
  }

  private static String versionOf(String groupVersion) {
    return groupVersion.substring(groupVersion.indexOf('/') + 1);
  }

  private void noteSuccess(Map<String, String> failedGroups) {
    if (failing) {
      failing = false;
      LOG.info("Kubernetes API discovery recovered");
    }
    Set<String> nowFailing = new TreeSet<>(failedGroups.keySet());
    for (String group : nowFailing) {
      if (!failingGroups.contains(group)) {
        LOG.warn(
            "Kubernetes API discovery of group {} failed, keeping its previous resources: {}",
            group,
            failedGroups.get(group));
      }
    }
    for (String group : failingGroups) {
      if (!nowFailing.contains(group)) {
        LOG.info("Kubernetes API discovery of group {} recovered", group);
      }
    }
    failingGroups = Set.copyOf(nowFailing);
  }

  private void noteFailure(Throwable cause) {
    if (!failing) {
      failing = true;
      LOG.warn(
          "Kubernetes API discovery failed, keeping the {} resource table: {}",
          table.get() != null ? "previous" : "built-in",
          cause.getMessage());
    }
  }
}
