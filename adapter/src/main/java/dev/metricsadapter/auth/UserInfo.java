package dev.metricsadapter.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An authenticated (or anonymous) user, as Kubernetes describes one.
 *
 * @param name the user name
 * @param uid the user's uid, empty when unknown
 * @param groups the groups
 * @param extra extra attributes (e.g. {@code authentication.kubernetes.io/pod-name})
 */
public record UserInfo(
    String name, String uid, List<String> groups, Map<String, List<String>> extra) {

  /** The user of a request without credentials. */
  public static final UserInfo ANONYMOUS =
      new UserInfo("system:anonymous", "", List.of("system:unauthenticated"), Map.of());

  public UserInfo {
    groups = List.copyOf(groups);
    extra = Map.copyOf(extra);
  }

  /** This user with {@code system:authenticated} added, as every authenticated user gets it. */
  UserInfo authenticated() {
    if (groups.contains("system:authenticated")) {
      return this;
    }
    List<String> all = new ArrayList<>(groups);
    all.add("system:authenticated");
    return new UserInfo(name, uid, all, extra);
  }
}
