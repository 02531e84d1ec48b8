package dev.metricsadapter.cli;

import dev.metricsadapter.auth.AuthenticationSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Authentication and authorization flags.
 *
 * @param mode {@code --auth}; empty: delegated with a Kubernetes connection, none without
 * @param authentication the request-header and client-CA flags
 * @param tokenCacheTtl {@code --authentication-token-webhook-cache-ttl}
 * @param authorizedTtl {@code --authorization-webhook-cache-authorized-ttl}
 * @param unauthorizedTtl {@code --authorization-webhook-cache-unauthorized-ttl}
 * @param alwaysAllowPaths {@code --authorization-always-allow-paths}
 */
public record AuthOptions(
    Optional<AdapterOptions.Auth> mode,
    AuthenticationSettings authentication,
    Duration tokenCacheTtl,
    Duration authorizedTtl,
    Duration unauthorizedTtl,
    List<String> alwaysAllowPaths) {

  public AuthOptions {
    alwaysAllowPaths = List.copyOf(alwaysAllowPaths);
  }
}
