package dev.metricsadapter.auth;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The authentication flags; what they leave unset comes from the {@code
 * kube-system/extension-apiserver-authentication} ConfigMap.
 *
 * @param requestHeaderCaFile {@code --requestheader-client-ca-file}
 * @param allowedNames {@code --requestheader-allowed-names}
 * @param usernameHeaders {@code --requestheader-username-headers}
 * @param groupHeaders {@code --requestheader-group-headers}
 * @param extraHeaderPrefixes {@code --requestheader-extra-headers-prefix}
 * @param clientCaFile {@code --client-ca-file}
 */
public record AuthenticationSettings(
    Optional<Path> requestHeaderCaFile,
    Optional<List<String>> allowedNames,
    Optional<List<String>> usernameHeaders,
    Optional<List<String>> groupHeaders,
    Optional<List<String>> extraHeaderPrefixes,
    Optional<Path> clientCaFile) {

  /** No flag given. */
  public static final AuthenticationSettings NONE =
      new AuthenticationSettings(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
}
