package dev.metricsadapter.auth;

import io.vertx.core.Future;

/**
 * Decides whether a user may do what a request asks (a Kubernetes SubjectAccessReview). Never
 * blocks the calling event loop; fails with an {@link AuthException} of kind UNAVAILABLE when it
 * cannot decide.
 */
public interface AccessReviewer {

  /**
   * A decision.
   *
   * @param allowed whether the request may proceed
   * @param reason the authorizer's explanation, may be empty
   */
  record Decision(boolean allowed, String reason) {}

  /** Whether {@code user} may make a request with {@code attributes}. */
  Future<Decision> review(UserInfo user, RequestAttributes attributes);
}
