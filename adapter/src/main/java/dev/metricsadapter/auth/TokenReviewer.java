package dev.metricsadapter.auth;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Decides who a bearer token belongs to (a Kubernetes TokenReview). Never blocks the calling event
 * loop; fails with an {@link AuthException} of kind UNAVAILABLE when it cannot decide.
 */
public interface TokenReviewer {

  /** The token's user, or empty if the token is not valid. */
  Future<Optional<UserInfo>> review(String token);
}
