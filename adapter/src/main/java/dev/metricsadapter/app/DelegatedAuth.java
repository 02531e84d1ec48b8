package dev.metricsadapter.app;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.metricsadapter.auth.AuthOptions;
import dev.metricsadapter.auth.AuthenticationConfigSource;
import dev.metricsadapter.auth.Authenticator;
import dev.metricsadapter.auth.Authorizer;
import dev.metricsadapter.auth.DelegatedAuthHandler;
import dev.metricsadapter.auth.Fabric8AccessReviewer;
import dev.metricsadapter.auth.Fabric8TokenReviewer;
import dev.metricsadapter.observability.AdapterMetrics;
import dev.metricsadapter.server.Explainer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Authentication and authorization delegated to the Kubernetes API, as aggregated API servers do:
 * the front-proxy and client CAs from {@code kube-system/extension-apiserver-authentication}
 * (watched), TokenReviews and SubjectAccessReviews with their answer caches. Closing it stops the
 * watch.
 */
final class DelegatedAuth implements AutoCloseable {

  private final AuthenticationConfigSource config;
  private final DelegatedAuthHandler handler;
  private final Map<String, Supplier<CacheStats>> caches = new LinkedHashMap<>();

  DelegatedAuth(Mode.Connected connection, AuthOptions options, AdapterMetrics metrics) {
    this.config =
        new AuthenticationConfigSource(options.authentication()).watch(connection.client());
    Fabric8TokenReviewer tokens =
        new Fabric8TokenReviewer(
            connection.workers(), connection.client(), options.tokenCacheTtl());
    Fabric8AccessReviewer access =
        new Fabric8AccessReviewer(
            connection.workers(),
            connection.client(),
            options.authorizedTtl(),
            options.unauthorizedTtl());
    caches.put("token_review", tokens::cacheStats);
    caches.put("access_review", access::cacheStats);
    this.handler =
        new DelegatedAuthHandler(
            new Authenticator(config, tokens),
            new Authorizer(options.alwaysAllowPaths(), access),
            Explainer::authorizedRequest,
            metrics);
  }

  /** The handler that authenticates and authorizes each request before it is routed. */
  DelegatedAuthHandler handler() {
    return handler;
  }

  /** The review caches' statistics, by cache name. */
  Map<String, Supplier<CacheStats>> caches() {
    return caches;
  }

  @Override
  public void close() {
    config.close();
  }
}
