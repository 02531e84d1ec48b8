package dev.metricsadapter.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.metricsadapter.auth.RequestAttributes.NonResource;
import dev.metricsadapter.auth.RequestAttributes.Resource;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.Map;

/**
 * SubjectAccessReviews through fabric8 on a worker pool. Decisions are cached per user and
 * attributes, allowed ones for one TTL and denied ones for another ({@code
 * --authorization-webhook-cache-authorized-ttl} and {@code ...-unauthorized-ttl}); concurrent
 * identical reviews share one call; failures are not cached (requests fail closed).
 */
public final class Fabric8AccessReviewer implements AccessReviewer {

  private final WorkerExecutor workers;
  private final KubernetesClient client;
  private final AsyncCache<Key, Decision> cache;

  private record Key(UserInfo user, RequestAttributes attributes) {}

  public Fabric8AccessReviewer(
      WorkerExecutor workers, KubernetesClient client, Duration allowedTtl, Duration deniedTtl) {
    this.workers = workers;
    this.client = client;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfter(
                new Expiry<Key, Decision>() {
                  @Override
                  public long expireAfterCreate(Key key, Decision decision, long now) {
                    return (decision.allowed() ? allowedTtl : deniedTtl).toNanos();
                  }

                  @Override
                  public long expireAfterUpdate(
                      Key key, Decision decision, long now, long current) {
                    return expireAfterCreate(key, decision, now);
                  }

                  @Override
                  public long expireAfterRead(Key key, Decision decision, long now, long current) {
                    return current;
                  }
                })
            .recordStats()
            .buildAsync();
  }

  /** Hit, miss and eviction counts of the answer cache, for the self-metrics. */
  public CacheStats cacheStats() {
    return cache.synchronous().stats();
  }

  @Override
  public Future<Decision> review(UserInfo user, RequestAttributes attributes) {
    return Future.fromCompletionStage(
        cache.get(
            new Key(user, attributes),
            (key, executor) -> call(user, attributes).toCompletionStage().toCompletableFuture()));
  }

  private Future<Decision> call(UserInfo user, RequestAttributes attributes) {
    return workers.executeBlocking(
        () -> {
          SubjectAccessReview review;
          try {
            review =
                client.authorization().v1().subjectAccessReview().create(request(user, attributes));
          } catch (RuntimeException e) {
            throw AuthException.unavailable("authorize the request", e);
          }
          boolean allowed =
              review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
          String reason =
              review.getStatus() == null || review.getStatus().getReason() == null
                  ? ""
                  : review.getStatus().getReason();
          return new Decision(allowed, reason);
        },
        false);
  }

  private static SubjectAccessReview request(UserInfo user, RequestAttributes attributes) {
    SubjectAccessReviewSpecBuilder spec =
        new SubjectAccessReviewSpecBuilder()
            .withUser(user.name())
            .withGroups(user.groups())
            .withExtra(Map.copyOf(user.extra()));
    if (!user.uid().isEmpty()) {
      spec.withUid(user.uid());
    }
    if (attributes instanceof Resource resource) {
      spec.withNewResourceAttributes()
          .withVerb(resource.verb())
          .withGroup(resource.group())
          .withVersion(resource.version())
          .withResource(resource.resource())
          .withSubresource(resource.subresource())
          .withName(resource.name())
          .withNamespace(resource.namespace())
          .endResourceAttributes();
    } else {
      NonResource path = (NonResource) attributes;
      spec.withNewNonResourceAttributes()
          .withPath(path.path())
          .withVerb(path.verb())
          .endNonResourceAttributes();
    }
    return new SubjectAccessReviewBuilder().withSpec(spec.build()).build();
  }
}
