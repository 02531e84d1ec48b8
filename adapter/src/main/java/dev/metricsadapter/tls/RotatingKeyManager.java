package dev.metricsadapter.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The serving certificate as a key manager that a rotation updates in place: every TLS handshake
 * that starts after {@link #serve} gets the new certificate, and a handshake that chose the
 * previous one just before still finds it. Both TLS engines ask it per handshake, so the server's
 * TLS context never has to be rebuilt; Vert.x 4.5 closes connections accepted while it rebuilds one
 * ({@code HttpServer.updateSSLOptions}).
 *
 * <p>Server side only; a key type (such as {@code RSA}, {@code EC}, or OpenSSL's {@code EC_RSA}) is
 * served when its key algorithm, the part before an underscore, is the private key's. Thread- safe.
 */
public final class RotatingKeyManager extends X509ExtendedKeyManager {

  /** A certificate under the alias handshakes know it by. */
  private record Served(String alias, ServingCertificate.KeyMaterial material) {}

  private Served current;
  private Served previous;
  private long generation;

  /** Serves {@code initial} until the first {@link #serve}. */
  public RotatingKeyManager(ServingCertificate.KeyMaterial initial) {
    serve(initial);
  }

  /** Serves {@code next} to every handshake from now on. */
  public synchronized void serve(ServingCertificate.KeyMaterial next) {
    generation++;
    previous = current;
    current = new Served("serving-" + generation, next);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Served served = find(alias);
    return served == null ? null : served.material().chain().toArray(X509Certificate[]::new);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Served served = find(alias);
    return served == null ? null : served.material().key();
  }

  /** No client certificates: this manager only serves. */
  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  /** No client certificates: this manager only serves. */
  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return null;
  }

  private synchronized String aliasFor(String keyType) {
    if (keyType == null) {
      return null;
    }
    int underscore = keyType.indexOf('_');
    String algorithm = underscore < 0 ? keyType : keyType.substring(0, underscore);
    return algorithm.equals(current.material().key().getAlgorithm()) ? current.alias() : null;
  }

  private synchronized Served find(String alias) {
    if (current.alias().equals(alias)) {
      return current;
    }
    return previous != null && previous.alias().equals(alias) ? previous : null;
  }
}
