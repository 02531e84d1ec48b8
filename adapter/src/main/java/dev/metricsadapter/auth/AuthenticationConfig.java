package dev.metricsadapter.auth;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Which client certificates the adapter trusts, and how front-proxy requests name their user: the
 * contents of {@code kube-system/extension-apiserver-authentication} or of the equivalent flags.
 *
 * @param requestHeaderCas CAs that sign front-proxy client certificates
 * @param allowedNames CNs a front-proxy certificate may have; empty allows any
 * @param usernameHeaders headers holding the user name, first non-empty wins
 * @param groupHeaders headers holding groups, every value counts
 * @param extraHeaderPrefixes prefixes of headers holding extra attributes
 * @param clientCas CAs that sign user client certificates (CN user, O groups)
 */
public record AuthenticationConfig(
    List<X509Certificate> requestHeaderCas,
    List<String> allowedNames,
    List<String> usernameHeaders,
    List<String> groupHeaders,
    List<String> extraHeaderPrefixes,
    List<X509Certificate> clientCas) {

  /** Nothing trusted yet: every request is token-authenticated or anonymous. */
  public static final AuthenticationConfig NONE =
      new AuthenticationConfig(
          List.of(),
          List.of(),
          List.of("X-Remote-User"),
          List.of("X-Remote-Group"),
          List.of("X-Remote-Extra-"),
          List.of());

  public AuthenticationConfig {
    requestHeaderCas = List.copyOf(requestHeaderCas);
    allowedNames = List.copyOf(allowedNames);
    usernameHeaders = List.copyOf(usernameHeaders);
    groupHeaders = List.copyOf(groupHeaders);
    extraHeaderPrefixes = List.copyOf(extraHeaderPrefixes);
    clientCas = List.copyOf(clientCas);
  }
}
