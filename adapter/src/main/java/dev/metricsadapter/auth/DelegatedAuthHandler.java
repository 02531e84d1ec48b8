package dev.metricsadapter.auth;

import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.request.RequestPath;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every request under {@code --auth=delegated}: authenticates, authorizes,
 * then passes the request on, or fails it with a 401, 403 or (when the Kubernetes API cannot
 * decide) 503. The user is stored in the context under {@link #USER}. Every outcome is reported to
 * an {@link AuthOutcomes}.
 */
public final class DelegatedAuthHandler implements Handler<RoutingContext> {

  /** Context key of the authenticated {@link UserInfo}. */
  public static final String USER = "metrics-adapter.user";

  private static final Logger LOG = LoggerFactory.getLogger(DelegatedAuthHandler.class);

  private final Authenticator authenticator;
  private final Authorizer authorizer;
  private final Function<RoutingContext, RequestPath> authorizedRequest;
  private final AuthOutcomes outcomes;

  /**
   * @param authorizedRequest the path whose access decides a request (its own, or for an explain
   *     request the explained one); may throw for a malformed path, which fails the request
   * @param outcomes receives every authentication and authorization outcome
   */
  public DelegatedAuthHandler(
      Authenticator authenticator,
      Authorizer authorizer,
      Function<RoutingContext, RequestPath> authorizedRequest,
      AuthOutcomes outcomes) {
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.authorizedRequest = authorizedRequest;
    this.outcomes = outcomes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    RequestAttributes attributes;
    try {
      attributes = RequestAttributes.of(request.method().name(), authorizedRequest.apply(ctx));
    } catch (RuntimeException malformed) {
      ctx.fail(malformed);
      return;
    }
    authenticator
        .authenticate(peerChain(request), request.headers())
        .andThen(authenticated -> outcomes.authentication(authenticationOutcome(authenticated)))
        .compose(
            user ->
                authorizer
                    .authorize(user, attributes)
                    .andThen(authorized -> outcomes.authorization(authorizationOutcome(authorized)))
                    .map(user))
        .onSuccess(
            user -> {
              LOG.debug("{} {} as {}", request.method(), request.path(), user.name());
              ctx.put(USER, user);
              ctx.next();
            })
        .onFailure(ctx::fail);
  }

  private static String authenticationOutcome(AsyncResult<UserInfo> result) {
    if (result.failed()) {
      return refusalOr(result.cause(), AdapterException.Kind.UNAUTHORIZED, "rejected");
    }
    return result.result().name().equals(UserInfo.ANONYMOUS.name()) ? "anonymous" : "authenticated";
  }

  private static String authorizationOutcome(AsyncResult<Void> result) {
    return result.succeeded()
        ? "allowed"
        : refusalOr(result.cause(), AdapterException.Kind.FORBIDDEN, "denied");
  }

  /** {@code label} when {@code failure} is the expected refusal, {@code error} otherwise. */
  private static String refusalOr(Throwable failure, AdapterException.Kind refusal, String label) {
    return failure instanceof AuthException auth && auth.kind() == refusal ? label : "error";
  }

  private static List<X509Certificate> peerChain(HttpServerRequest request) {
    if (!request.isSSL()) {
      return List.of();
    }
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : request.connection().peerCertificates()) {
        if (certificate instanceof X509Certificate x509) {
          chain.add(x509);
        }
      }
      return chain;
    } catch (SSLPeerUnverifiedException noCertificate) {
      return List.of();
    }
  }
}
