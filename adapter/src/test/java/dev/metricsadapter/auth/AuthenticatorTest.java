package dev.metricsadapter.auth;

import static dev.metricsadapter.testing.Futures.await;
import static dev.metricsadapter.testing.Futures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.testing.TestCertificates;
import dev.metricsadapter.testing.TestCertificates.Issued;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

  private static final Issued FRONT_PROXY_CA = TestCertificates.authority("front-proxy-ca");
  private static final Issued CLIENT_CA = TestCertificates.authority("client-ca");
  private static final Issued OTHER_CA = TestCertificates.authority("other-ca");

  private static final AuthenticationConfig CONFIG =
      new AuthenticationConfig(
          List.of(FRONT_PROXY_CA.certificate()),
          List.of("front-proxy-client"),
          List.of("X-Remote-User"),
          List.of("X-Remote-Group"),
          List.of("X-Remote-Extra-"),
          List.of(CLIENT_CA.certificate()));

  private final Authenticator authenticator =
      new Authenticator(
          () -> CONFIG,
          token ->
              Future.succeededFuture(
                  token.equals("good")
                      ? Optional.of(new UserInfo("bob", "uid-1", List.of("readers"), Map.of()))
                      : Optional.empty()));

  /** The kind of the failure {@code future} must end in. */
  private static AdapterException.Kind failureKind(Future<UserInfo> future) {
    return failure(future, AdapterException.class).kind();
  }

  private static List<X509Certificate> chain(Issued issued) {
    return List.of(issued.certificate());
  }

  private static MultiMap proxyHeaders() {
    return MultiMap.caseInsensitiveMultiMap()
        .add("X-Remote-User", "system:serviceaccount:kube-system:horizontal-pod-autoscaler")
        .add("X-Remote-Group", "system:serviceaccounts")
        .add("X-Remote-Group", "system:serviceaccounts:kube-system")
        .add("X-Remote-Extra-authentication.kubernetes.io%2Fpod-name", "hpa-1")
        .add("X-Remote-Extra-Scopes", "a")
        .add("X-Remote-Extra-Scopes", "b");
  }

  @Test
  void frontProxyCertificateMakesTheRemoteHeadersAuthoritative() throws Exception {
    UserInfo user =
        await(
            authenticator.authenticate(
                chain(TestCertificates.client(FRONT_PROXY_CA, "front-proxy-client")),
                proxyHeaders()));
    assertEquals(
        new UserInfo(
            "system:serviceaccount:kube-system:horizontal-pod-autoscaler",
            "",
            List.of(
                "system:serviceaccounts",
                "system:serviceaccounts:kube-system",
                "system:authenticated"),
            Map.of(
                "authentication.kubernetes.io/pod-name", List.of("hpa-1"),
                "scopes", List.of("a", "b"))),
        user);
  }

  @Test
  void remoteHeadersWithoutACertificateAreIgnored() throws Exception {
    assertEquals(UserInfo.ANONYMOUS, await(authenticator.authenticate(List.of(), proxyHeaders())));
  }

  @Test
  void aFrontProxyCertificateWithAnotherNameIsNotTrusted() throws Exception {
    assertEquals(
        AdapterException.Kind.UNAUTHORIZED,
        failureKind(
            authenticator.authenticate(
                chain(TestCertificates.client(FRONT_PROXY_CA, "evil-proxy")), proxyHeaders())));
  }

  @Test
  void aCertificateFromAnUnknownCaIsUnauthorized() throws Exception {
    assertEquals(
        AdapterException.Kind.UNAUTHORIZED,
        failureKind(
            authenticator.authenticate(
                chain(TestCertificates.client(OTHER_CA, "front-proxy-client")), proxyHeaders())));
  }

  @Test
  void anUntrustedCertificateFallsThroughToAValidToken() throws Exception {
    assertEquals(
        "bob",
        await(
                authenticator.authenticate(
                    chain(TestCertificates.client(OTHER_CA, "mallory")),
                    MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer good")))
            .name());
  }

  @Test
  void clientCertificatesAuthenticateAsTheirCommonNameAndOrganizations() throws Exception {
    UserInfo user =
        await(
            authenticator.authenticate(
                chain(TestCertificates.client(CLIENT_CA, "alice", "readers", "devs")),
                MultiMap.caseInsensitiveMultiMap().add("X-Remote-User", "root")));
    assertEquals(
        new UserInfo("alice", "", List.of("readers", "devs", "system:authenticated"), Map.of()),
        user);
  }

  @Test
  void bearerTokensAreReviewed() throws Exception {
    assertEquals(
        new UserInfo("bob", "uid-1", List.of("readers", "system:authenticated"), Map.of()),
        await(
            authenticator.authenticate(
                List.of(),
                MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer good"))));
    assertEquals(
        AdapterException.Kind.UNAUTHORIZED,
        failureKind(
            authenticator.authenticate(
                List.of(), MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer bad"))));
    assertEquals(
        UserInfo.ANONYMOUS,
        await(
            authenticator.authenticate(
                List.of(), MultiMap.caseInsensitiveMultiMap().add("Authorization", "Basic eDp5"))));
  }
}
