package dev.metricsadapter.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TokenReviews through fabric8 on a worker pool, each answer (valid or not) cached for a TTL and
 * keyed by the token's SHA-256, never by the token itself; concurrent reviews of one token share
 * one call; failures are not cached.
 */
public final class Fabric8TokenReviewer implements TokenReviewer {

  private final WorkerExecutor workers;
  private final KubernetesClient client;
  private final AsyncCache<String, Optional<UserInfo>> cache;

  /**
   * @param ttl how long an answer is reused ({@code --authentication-token-webhook-cache-ttl})
   */
  public Fabric8TokenReviewer(WorkerExecutor workers, KubernetesClient client, Duration ttl) {
    this.workers = workers;
    this.client = client;
    this.cache =
        Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).recordStats().buildAsync();
  }

  /** Hit, miss and eviction counts of the answer cache, for the self-metrics. */
  public CacheStats cacheStats() {
    return cache.synchronous().stats();
  }

  @Override
  public Future<Optional<UserInfo>> review(String token) {
    return Future.fromCompletionStage(
        cache.get(
            sha256(token),
            (key, executor) -> call(token).toCompletionStage().toCompletableFuture()));
  }

  private Future<Optional<UserInfo>> call(String token) {
    return workers.executeBlocking(
        () -> {
          TokenReview review;
          try {
            review =
                client
                    .authentication()
                    .v1()
                    .tokenReviews()
                    .create(
                        new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
          } catch (RuntimeException e) {
            throw AuthException.unavailable("review a bearer token", e);
          }
          TokenReviewStatus status = review.getStatus();
          if (status == null
              || !Boolean.TRUE.equals(status.getAuthenticated())
              || status.getUser() == null) {
            return Optional.empty();
          }
          var user = status.getUser();
          return Optional.of(
              new UserInfo(
                  user.getUsername(),
                  user.getUid() == null ? "" : user.getUid(),
                  user.getGroups() == null ? List.of() : user.getGroups(),
                  user.getExtra() == null ? Map.of() : user.getExtra()));
        },
        false);
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
