package dev.metricsadapter.auth;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Chain verification for client certificates. Stateless. */
final class Certificates {

  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_USAGE = "2.5.29.37.0";

  private Certificates() {}

  /**
   * Whether {@code chain} (leaf first) is valid now, chains to one of {@code cas}, and its leaf may
   * authenticate a client: an extended key usage, when present, must include clientAuth (or any),
   * as Kubernetes requires, so a server-only certificate never names a user.
   */
  static boolean verifies(List<X509Certificate> chain, List<X509Certificate> cas) {
    if (chain.isEmpty() || cas.isEmpty() || !forClients(chain.get(0))) {
      return false;
    }
    try {
      Set<TrustAnchor> anchors = new HashSet<>();
      cas.forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean forClients(X509Certificate leaf) {
    try {
      List<String> usages = leaf.getExtendedKeyUsage();
      return usages == null || usages.contains(CLIENT_AUTH) || usages.contains(ANY_USAGE);
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  /** The values of {@code attribute} (e.g. CN, O) in the certificate's subject. */
  static List<String> subject(X509Certificate certificate, String attribute) {
    List<String> values = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase(attribute)) {
          values.add(rdn.getValue().toString());
        }
      }
    } catch (InvalidNameException e) {
      return List.of();
    }
    return List.copyOf(values);
  }

  /** The certificate's CN, if any. */
  static Optional<String> commonName(X509Certificate certificate) {
    return subject(certificate, "CN").stream().findFirst();
  }
}
