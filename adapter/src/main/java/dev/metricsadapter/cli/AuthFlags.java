package dev.metricsadapter.cli;

import dev.metricsadapter.auth.AuthOptions;
import dev.metricsadapter.auth.AuthenticationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The authentication and authorization flags, with the names of Kubernetes' delegated
 * authentication options. A picocli mixin.
 */
public final class AuthFlags {

  @Option(
      names = "--auth",
      paramLabel = "delegated|none",
      description =
          "Request authentication and authorization: delegated to the Kubernetes API (the default"
              + " with a Kubernetes connection) or none (the default without one; local use only).")
  private String mode;

  @Option(
      names = "--requestheader-client-ca-file",
      paramLabel = "FILE",
      description =
          "CA of front-proxy client certificates (default: from"
              + " kube-system/extension-apiserver-authentication).")
  private Path requestHeaderCaFile;

  @Option(
      names = "--requestheader-allowed-names",
      paramLabel = "NAMES",
      split = ",",
      description =
          "Common names a front-proxy certificate may have; empty allows any (default: from the"
              + " ConfigMap).")
  private List<String> allowedNames;

  @Option(
      names = "--requestheader-username-headers",
      paramLabel = "HEADERS",
      split = ",",
      description =
          "Headers holding the user name (default: from the ConfigMap, else X-Remote-User).")
  private List<String> usernameHeaders;

  @Option(
      names = "--requestheader-group-headers",
      paramLabel = "HEADERS",
      split = ",",
      description = "Headers holding groups (default: from the ConfigMap, else X-Remote-Group).")
  private List<String> groupHeaders;

  @Option(
      names = "--requestheader-extra-headers-prefix",
      paramLabel = "PREFIXES",
      split = ",",
      description =
          "Prefixes of headers holding extra attributes (default: from the ConfigMap, else"
              + " X-Remote-Extra-).")
  private List<String> extraPrefixes;

  @Option(
      names = "--client-ca-file",
      paramLabel = "FILE",
      description = "CA of user client certificates (default: from the ConfigMap).")
  private Path clientCaFile;

  @Option(
      names = "--authentication-token-webhook-cache-ttl",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description = "How long TokenReview answers are reused.")
  private Duration tokenCacheTtl;

  @Option(
      names = "--authorization-webhook-cache-authorized-ttl",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description = "How long allowed SubjectAccessReview answers are reused.")
  private Duration authorizedTtl;

  @Option(
      names = "--authorization-webhook-cache-unauthorized-ttl",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description = "How long denied SubjectAccessReview answers are reused.")
  private Duration unauthorizedTtl;

  @Option(
      names = "--authorization-always-allow-paths",
      paramLabel = "PATHS",
      split = ",",
      defaultValue = "/healthz,/readyz,/livez",
      description = "Paths served without authorization; a trailing * matches a prefix.")
  private List<String> alwaysAllowPaths;

  /**
   * The validated options; CA files are read now.
   *
   * @throws FlagException naming the first flag that cannot be used
   */
  AuthOptions options() {
    return new AuthOptions(
        mode(),
        new AuthenticationSettings(
            FlagFiles.certificates("--requestheader-client-ca-file", requestHeaderCaFile),
            Optional.ofNullable(allowedNames),
            Optional.ofNullable(usernameHeaders),
            Optional.ofNullable(groupHeaders),
            Optional.ofNullable(extraPrefixes),
            FlagFiles.certificates("--client-ca-file", clientCaFile)),
        tokenCacheTtl,
        authorizedTtl,
        unauthorizedTtl,
        alwaysAllowPaths);
  }

  private Optional<AuthOptions.Mode> mode() {
    if (mode == null) {
      return Optional.empty();
    }
    if (mode.equals("none") || mode.equals("delegated")) {
      return Optional.of(AuthOptions.Mode.valueOf(mode.toUpperCase(Locale.ROOT)));
    }
    throw new FlagException("--auth must be delegated or none, not \"" + mode + "\"");
  }
}
