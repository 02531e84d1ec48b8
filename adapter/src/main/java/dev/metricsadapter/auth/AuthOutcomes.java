package dev.metricsadapter.auth;

/**
 * Receives the outcome of every authentication and authorization the {@link DelegatedAuthHandler}
 * performs, for the adapter's self-metrics. Implementations must be thread-safe and cheap.
 */
public interface AuthOutcomes {

  /**
   * An authentication outcome: {@code authenticated}, {@code anonymous}, {@code rejected} (401) or
   * {@code error} (the Kubernetes API could not decide).
   */
  void authentication(String result);

  /**
   * An authorization decision: {@code allowed}, {@code denied} (403) or {@code error} (the
   * Kubernetes API could not decide).
   */
  void authorization(String decision);
}
