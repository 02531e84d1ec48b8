package dev.metricsadapter.kube;

import dev.metricsadapter.failure.AdapterException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeoutException;

/**
 * A failed call to the Kubernetes API. Messages name what the adapter tried to do (verb, resource,
 * namespace) and the API server's own explanation; they never carry credentials.
 */
public final class KubeException extends AdapterException {
  private static final long serialVersionUID = 1L;

  private KubeException(Kind kind, String message, Throwable cause) {
    super(kind, message, cause);
  }

  /** The API server denied the adapter's own request (RBAC). */
  public static KubeException forbidden(String message) {
    return new KubeException(Kind.FORBIDDEN, message, null);
  }

  /** The resource (or its API group) does not exist on this server. */
  public static KubeException notFound(String message) {
    return new KubeException(Kind.NOT_FOUND, message, null);
  }

  /** The API server could not be reached, or answered that it is unavailable. */
  public static KubeException unavailable(String message, Throwable cause) {
    return new KubeException(Kind.UNAVAILABLE, message, cause);
  }

  /** The API server did not answer in time. */
  public static KubeException timeout(String message, Throwable cause) {
    return new KubeException(Kind.TIMEOUT, message, cause);
  }

  /** Anything else: a configuration fault, an unexpected answer. */
  public static KubeException internal(String message, Throwable cause) {
    return new KubeException(Kind.INTERNAL, message, cause);
  }

  /**
   * Maps a failure of a fabric8 call to the adapter's failure kinds: 403 becomes {@link
   * Kind#FORBIDDEN}, 404 {@link Kind#NOT_FOUND}, 401 {@link Kind#INTERNAL} (the adapter's own
   * credentials are wrong, which the caller cannot fix), 504 and client-side timeouts {@link
   * Kind#TIMEOUT}, connection failures, 429 and other 5xx {@link Kind#UNAVAILABLE}, everything else
   * {@link Kind#INTERNAL}. An {@link AdapterException} passes through unchanged.
   *
   * @param verb what the adapter tried, e.g. {@code list}
   * @param resource the resource, e.g. {@code pods} or {@code deployments.apps}
   * @param namespace the namespace, or {@code null} for a cluster-wide request
   * @param failure what the fabric8 call threw
   */
  public static AdapterException fromClient(
      String verb, String resource, String namespace, Throwable failure) {
    return fromClient(
        verb
            + " "
            + resource
            + (namespace == null ? " cluster-wide" : " in namespace " + namespace),
        failure);
  }

  /**
   * Maps a failure of a fabric8 call as {@link #fromClient(String, String, String, Throwable)}
   * does.
   *
   * @param action what the adapter tried, completing "the adapter may not ...", e.g. {@code read
   *     the API discovery document /apis}
   * @param failure what the fabric8 call threw
   */
  public static AdapterException fromClient(String action, Throwable failure) {
    if (failure instanceof AdapterException adapterException) {
      return adapterException;
    }
    if (!(failure instanceof KubernetesClientException clientException)) {
      return internal("failed to " + action + ": " + failure, failure);
    }
    int code = clientException.getCode();
    String detail = serverMessage(clientException);
    return switch (code) {
      case 401 ->
          internal(
              "the adapter's Kubernetes credentials were rejected when trying to " + action,
              failure);
      case 403 ->
          new KubeException(
              Kind.FORBIDDEN, "the adapter may not " + action + ": " + detail, failure);
      case 404 -> new KubeException(Kind.NOT_FOUND, "cannot " + action + ": " + detail, failure);
      case 504 ->
          timeout("the Kubernetes API timed out trying to " + action + ": " + detail, failure);
      case 429 ->
          unavailable("the Kubernetes API is throttling the adapter: cannot " + action, failure);
      default -> {
        if (code >= 500) {
          yield unavailable(
              "the Kubernetes API failed to " + action + " (HTTP " + code + "): " + detail,
              failure);
        }
        if (code <= 0 && hasCause(failure, TimeoutException.class, InterruptedIOException.class)) {
          yield timeout("the Kubernetes API did not answer in time to " + action, failure);
        }
        if (code <= 0 && hasCause(failure, IOException.class)) {
          yield unavailable(
              "the Kubernetes API is unreachable: cannot " + action + ": " + rootMessage(failure),
              failure);
        }
        yield internal(
            "failed to " + action + (code > 0 ? " (HTTP " + code + ")" : "") + ": " + detail,
            failure);
      }
    };
  }

  private static String serverMessage(KubernetesClientException failure) {
    Status status = failure.getStatus();
    if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
      return status.getMessage();
    }
    return rootMessage(failure);
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  @SafeVarargs
  private static boolean hasCause(Throwable failure, Class<? extends Throwable>... types) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return true;
        }
      }
    }
    return false;
  }
}
