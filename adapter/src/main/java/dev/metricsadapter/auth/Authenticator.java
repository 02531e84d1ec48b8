package dev.metricsadapter.auth;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Kubernetes' delegated authentication, in order: a front-proxy client certificate (chaining to the
 * request-header CA, with an allowed CN) makes the {@code X-Remote-*} headers authoritative; a
 * client certificate chaining to the client CA authenticates as its CN with its O as groups; a
 * bearer token is checked with a TokenReview; without credentials the user is {@code
 * system:anonymous}. A certificate that verifies against neither CA (without a valid token), or an
 * invalid token, is a 401. {@code X-Remote-*} headers are never read without the front-proxy
 * certificate. Thread-safe.
 */
public final class Authenticator {

  private final Supplier<AuthenticationConfig> config;
  private final TokenReviewer tokens;

  /**
   * @param config the current trust configuration (may change, e.g. on ConfigMap rotation)
   * @param tokens checks bearer tokens
   */
  public Authenticator(Supplier<AuthenticationConfig> config, TokenReviewer tokens) {
    this.config = config;
    this.tokens = tokens;
  }

  /**
   * Who sent a request.
   *
   * @param chain the client's certificate chain, leaf first; empty without one
   * @param headers the request headers
   */
  public Future<UserInfo> authenticate(List<X509Certificate> chain, MultiMap headers) {
    AuthenticationConfig current = config.get();
    if (!chain.isEmpty()) {
      Optional<UserInfo> user = certificateUser(chain, headers, current);
      if (user.isPresent()) {
        return Future.succeededFuture(user.get().authenticated());
      }
    }
    Optional<String> token = bearerToken(headers);
    if (token.isPresent()) {
      return tokens
          .review(token.get())
          .compose(
              user ->
                  user.map(u -> Future.succeededFuture(u.authenticated()))
                      .orElseGet(() -> Future.failedFuture(AuthException.unauthorized())));
    }
    return chain.isEmpty()
        ? Future.succeededFuture(UserInfo.ANONYMOUS)
        : Future.failedFuture(AuthException.unauthorized());
  }

  private static Optional<UserInfo> certificateUser(
      List<X509Certificate> chain, MultiMap headers, AuthenticationConfig config) {
    X509Certificate leaf = chain.get(0);
    if (Certificates.verifies(chain, config.requestHeaderCas())) {
      Optional<String> cn = Certificates.commonName(leaf);
      boolean allowed =
          config.allowedNames().isEmpty()
              || cn.isPresent() && config.allowedNames().contains(cn.get());
      if (allowed) {
        Optional<UserInfo> proxied = proxiedUser(headers, config);
        if (proxied.isPresent()) {
          return proxied;
        }
      }
    }
    if (Certificates.verifies(chain, config.clientCas())) {
      return Certificates.commonName(leaf)
          .map(cn -> new UserInfo(cn, "", Certificates.subject(leaf, "O"), Map.of()));
    }
    return Optional.empty();
  }

  private static Optional<UserInfo> proxiedUser(MultiMap headers, AuthenticationConfig config) {
    Optional<String> name =
        config.usernameHeaders().stream()
            .map(headers::get)
            .filter(value -> value != null && !value.isEmpty())
            .findFirst();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    List<String> groups = new ArrayList<>();
    config.groupHeaders().forEach(header -> groups.addAll(headers.getAll(header)));
    Map<String, List<String>> extra = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers) {
      for (String prefix : config.extraHeaderPrefixes()) {
        String headerName = header.getKey();
        if (headerName.length() > prefix.length()
            && headerName.regionMatches(true, 0, prefix, 0, prefix.length())) {
          String key = unescape(headerName.substring(prefix.length())).toLowerCase(Locale.ROOT);
          extra.computeIfAbsent(key, k -> new ArrayList<>()).add(header.getValue());
        }
      }
    }
    return Optional.of(new UserInfo(name.get(), "", groups, extra));
  }

  /** Percent-decoding as Go's {@code url.PathUnescape}: {@code +} stays a plus sign. */
  private static String unescape(String key) {
    try {
      return URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return key;
    }
  }

  private static Optional<String> bearerToken(MultiMap headers) {
    String authorization = headers.get("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
