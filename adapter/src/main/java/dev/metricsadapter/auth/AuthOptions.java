package dev.metricsadapter.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How requests are authenticated and authorized.
 *
 * @param mode {@code --auth}; empty: delegated with a Kubernetes connection, none without
 * @param authentication the request-header and client-CA flags
 * @param tokenCacheTtl {@code --authentication-token-webhook-cache-ttl}
 * @param authorizedTtl {@code --authorization-webhook-cache-authorized-ttl}
 * @param unauthorizedTtl {@code --authorization-webhook-cache-unauthorized-ttl}
 * @param alwaysAllowPaths {@code --authorization-always-allow-paths}
 */
public record AuthOptions(
    Optional<Mode> mode,
    AuthenticationSettings authentication,
    Duration tokenCacheTtl,
    Duration authorizedTtl,
    Duration unauthorizedTtl,
    List<String> alwaysAllowPaths) {

  /** Request authentication mode. */
  public enum Mode {
    /** Every request is served without authentication (standalone, local use). */
    NONE,
    /**
     * Authentication and authorization delegated to the Kubernetes API, as aggregated API servers
     * do.
     */
    DELEGATED
  }

  public AuthOptions {
    alwaysAllowPaths = List.copyOf(alwaysAllowPaths);
  }

  /**
   * The mode in effect: the one asked for, else delegated with a Kubernetes connection and none
   * without.
   *
   * @throws IllegalArgumentException if delegated is asked for without a Kubernetes connection
   */
  public Mode effectiveMode(boolean connected) {
    Mode effective = mode.orElse(connected ? Mode.DELEGATED : Mode.NONE);
    if (effective == Mode.DELEGATED && !connected) {
      throw new IllegalArgumentException(
          "--auth=delegated needs a Kubernetes connection (in-cluster, --kubeconfig or"
              + " $KUBECONFIG) for TokenReviews and SubjectAccessReviews");
    }
    return effective;
  }
}
