package dev.metricsadapter.auth;

import dev.metricsadapter.auth.RequestAttributes.NonResource;
import dev.metricsadapter.auth.RequestAttributes.Resource;
import io.vertx.core.Future;
import java.util.List;

/**
 * Kubernetes' delegated authorization: always-allowed paths ({@code /healthz}, or {@code /debug/*}
 * as a prefix) and the {@code system:masters} group pass; everything else is decided by a
 * SubjectAccessReview. Denials carry Kubernetes' message, naming user, verb and resource.
 * Thread-safe.
 */
public final class Authorizer {

  private final List<String> alwaysAllowPaths;
  private final AccessReviewer reviewer;

  public Authorizer(List<String> alwaysAllowPaths, AccessReviewer reviewer) {
    this.alwaysAllowPaths = List.copyOf(alwaysAllowPaths);
    this.reviewer = reviewer;
  }

  /** Succeeds if {@code user} may make the request, else fails with an {@link AuthException}. */
  public Future<Void> authorize(UserInfo user, RequestAttributes attributes) {
    if (attributes instanceof NonResource nonResource && alwaysAllowed(nonResource.path())) {
      return Future.succeededFuture();
    }
    if (user.groups().contains("system:masters")) {
      return Future.succeededFuture();
    }
    return reviewer
        .review(user, attributes)
        .compose(
            decision ->
                decision.allowed()
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        AuthException.forbidden(
                            forbiddenMessage(user, attributes, decision.reason()))));
  }

  private boolean alwaysAllowed(String path) {
    for (String allowed : alwaysAllowPaths) {
      if (allowed.endsWith("*")
          ? path.startsWith(allowed.substring(0, allowed.length() - 1))
          : path.equals(allowed)) {
        return true;
      }
    }
    return false;
  }

  /** Kubernetes' wording of a denial. */
  static String forbiddenMessage(UserInfo user, RequestAttributes attributes, String reason) {
    String message;
    if (attributes instanceof Resource resource) {
      String qualified =
          resource.group().isEmpty()
              ? resource.resource()
              : resource.resource() + "." + resource.group();
      message =
          qualified
              + (resource.name().isEmpty() ? "" : " \"" + resource.name() + "\"")
              + " is forbidden: User \""
              + user.name()
              + "\" cannot "
              + resource.verb()
              + " resource \""
              + resource.qualifiedResource()
              + "\" in API group \""
              + resource.group()
              + "\""
              + (resource.namespace().isEmpty()
                  ? " at the cluster scope"
                  : " in the namespace \"" + resource.namespace() + "\"");
    } else {
      NonResource path = (NonResource) attributes;
      message =
          "forbidden: User \""
              + user.name()
              + "\" cannot "
              + path.verb()
              + " path \""
              + path.path()
              + "\"";
    }
    return reason.isEmpty() ? message : message + ": " + reason;
  }
}
