package dev.metricsadapter.cli;

import dev.metricsadapter.auth.AuthenticationSettings;
import dev.metricsadapter.config.GoDuration;
import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.tls.PemCertificates;
import dev.metricsadapter.tls.ServingCertificate;
import dev.metricsadapter.tls.TlsEngine;
import dev.metricsadapter.tls.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code metrics-adapter} command: without a subcommand it serves the metrics APIs with the
 * given flags (names as in prometheus-adapter); {@code check} validates rule files. Flag errors
 * print one line naming the flag and exit with code 2.
 */
@Command(
    name = "metrics-adapter",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    showDefaultValues = true,
    description =
        "Serves custom.metrics.k8s.io from Prometheus, using prometheus-adapter rule files.",
    subcommands = {CheckCommand.class})
public final class AdapterCommand implements Callable<Integer> {

  private final Function<AdapterOptions, Integer> server;

  @Spec private CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "PATH",
      description =
          "Rule file, or directory of *.yaml/*.yml rule files merged in name order (required).")
  private Path config;

  @Option(
      names = "--prometheus-url",
      paramLabel = "URL",
      defaultValue = "http://localhost:9090",
      description =
          "Prometheus (or Thanos, Mimir, Cortex, VictoriaMetrics) base URL; a path prefix and a query string are kept.")
  private String prometheusUrl;

  @Option(
      names = "--prometheus-header",
      paramLabel = "KEY=VALUE",
      description =
          "Header sent with every Prometheus call, e.g. X-Scope-OrgID=tenant (repeatable).")
  private List<String> prometheusHeaders = new ArrayList<>();

  @Option(
      names = "--prometheus-verb",
      paramLabel = "GET|POST",
      defaultValue = "GET",
      description =
          "HTTP method for Prometheus calls; POST is also used automatically for URLs over 8 KiB.")
  private String prometheusVerb;

  @Option(
      names = "--prometheus-token-file",
      paramLabel = "FILE",
      description = "Bearer token for Prometheus, re-read when it changes.")
  private Path prometheusTokenFile;

  @Option(
      names = "--prometheus-ca-file",
      paramLabel = "FILE",
      description = "CA bundle that signs Prometheus' certificate.")
  private Path prometheusCaFile;

  @Option(
      names = "--prometheus-client-tls-cert-file",
      paramLabel = "FILE",
      description = "Client certificate for Prometheus (with the key file).")
  private Path prometheusClientCertFile;

  @Option(
      names = "--prometheus-client-tls-key-file",
      paramLabel = "FILE",
      description = "Client private key for Prometheus (with the certificate file).")
  private Path prometheusClientKeyFile;

  @Option(
      names = "--prometheus-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = GoDurationConverter.class,
      description = "Deadline of every Prometheus call.")
  private Duration prometheusTimeout;

  @Option(
      names = "--cache-ttl",
      paramLabel = "DURATION",
      defaultValue = "3s",
      converter = GoDurationConverter.class,
      description =
          "How long a query result answers identical requests again (0: identical concurrent"
              + " requests still share one query).")
  private Duration cacheTtl;

  @Option(
      names = "--max-concurrent-queries",
      paramLabel = "N",
      defaultValue = "32",
      description = "Queries sent to Prometheus at once; as many more wait, then 503.")
  private int maxConcurrentQueries;

  @Option(
      names = "--max-query-wait",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = GoDurationConverter.class,
      description = "How long a query waits for a free slot before a 503 with Retry-After.")
  private Duration maxQueryWait;

  @Option(
      names = "--serve-stale-for",
      paramLabel = "DURATION",
      defaultValue = "0s",
      converter = GoDurationConverter.class,
      description =
          "While Prometheus fails, answer with the last good result younger than this (0: off).")
  private Duration serveStaleFor;

  @Option(
      names = "--metrics-relist-interval",
      paramLabel = "DURATION",
      defaultValue = "1m",
      converter = GoDurationConverter.class,
      description = "How often series are rediscovered.")
  private Duration relistInterval;

  @Option(
      names = "--metrics-max-age",
      paramLabel = "DURATION",
      converter = GoDurationConverter.class,
      description =
          "How far back discovery looks for series (default: the relist interval; not less).")
  private Duration maxAge;

  @Option(
      names = "--discovery-timeout",
      paramLabel = "DURATION",
      converter = GoDurationConverter.class,
      description =
          "Deadline of each discovery /api/v1/series call (default: the relist interval); a"
              + " large Prometheus needs longer to list its series than to answer a query.")
  private Duration discoveryTimeout;

  @Option(
      names = "--secure-port",
      paramLabel = "PORT",
      defaultValue = "6443",
      description = "HTTPS port.")
  private int securePort;

  @Option(
      names = "--bind-address",
      paramLabel = "ADDRESS",
      defaultValue = "0.0.0.0",
      description = "Address to listen on.")
  private String bindAddress;

  @Option(
      names = "--cert-dir",
      paramLabel = "DIR",
      defaultValue = "apiserver.local.config/certificates",
      description =
          "Where a self-signed serving certificate is generated when no --tls-cert-file is given.")
  private Path certDir;

  @Option(
      names = "--tls-cert-file",
      paramLabel = "FILE",
      description = "Serving certificate (PEM, may include the chain).")
  private Path tlsCertFile;

  @Option(
      names = "--tls-private-key-file",
      paramLabel = "FILE",
      description = "Serving private key (PEM).")
  private Path tlsKeyFile;

  @Option(
      names = "--tls-min-version",
      paramLabel = "VERSION",
      defaultValue = "VersionTLS12",
      description = "Minimum TLS version: VersionTLS12 or VersionTLS13.")
  private String tlsMinVersion;

  @Option(
      names = "--tls-cipher-suites",
      paramLabel = "SUITES",
      split = ",",
      description =
          "TLS 1.2 cipher suites (IANA names, comma-separated); default: ECDHE with AES-GCM or"
              + " ChaCha20-Poly1305. TLS 1.3 suites are always enabled.")
  private List<String> tlsCipherSuites = new ArrayList<>();

  @Option(
      names = "--http2-max-streams-per-connection",
      paramLabel = "N",
      defaultValue = "250",
      description = "Concurrent HTTP/2 streams per connection (bounds rapid-reset floods).")
  private int http2MaxStreams;

  @Option(names = "--disable-http2", description = "Serve HTTP/1.1 only.")
  private boolean disableHttp2;

  @Option(
      names = "--tls-engine",
      paramLabel = "ENGINE",
      defaultValue = "auto",
      description =
          "TLS implementation: openssl (bundled BoringSSL; faster), jdk, or auto (openssl where"
              + " its native library loads, jdk otherwise).")
  private String tlsEngine;

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Log lines as text or as JSON objects (one per line, on stderr).")
  private String logFormat;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      defaultValue = "info",
      description =
          "error, warn, info, debug (adds one line per request with its PromQL) or trace.")
  private String logLevel;

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH|none",
      description =
          "Kubernetes connection for API discovery and object listing: a kubeconfig file, or none (standalone). Default: in-cluster, else $KUBECONFIG, else ~/.kube/config, else none.")
  private String kubeconfig;

  @Option(
      names = "--auth",
      paramLabel = "delegated|none",
      description =
          "Request authentication and authorization: delegated to the Kubernetes API (the default"
              + " with a Kubernetes connection) or none (the default without one; local use only).")
  private String auth;

  @Option(
      names = "--requestheader-client-ca-file",
      paramLabel = "FILE",
      description =
          "CA of front-proxy client certificates (default: from kube-system/extension-apiserver-authentication).")
  private Path requestHeaderCaFile;

  @Option(
      names = "--requestheader-allowed-names",
      paramLabel = "NAMES",
      split = ",",
      description =
          "Common names a front-proxy certificate may have; empty allows any (default: from the ConfigMap).")
  private List<String> requestHeaderAllowedNames;

  @Option(
      names = "--requestheader-username-headers",
      paramLabel = "HEADERS",
      split = ",",
      description =
          "Headers holding the user name (default: from the ConfigMap, else X-Remote-User).")
  private List<String> requestHeaderUsernameHeaders;

  @Option(
      names = "--requestheader-group-headers",
      paramLabel = "HEADERS",
      split = ",",
      description = "Headers holding groups (default: from the ConfigMap, else X-Remote-Group).")
  private List<String> requestHeaderGroupHeaders;

  @Option(
      names = "--requestheader-extra-headers-prefix",
      paramLabel = "PREFIXES",
      split = ",",
      description =
          "Prefixes of headers holding extra attributes (default: from the ConfigMap, else X-Remote-Extra-).")
  private List<String> requestHeaderExtraPrefixes;

  @Option(
      names = "--client-ca-file",
      paramLabel = "FILE",
      description = "CA of user client certificates (default: from the ConfigMap).")
  private Path clientCaFile;

  @Option(
      names = "--authentication-token-webhook-cache-ttl",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = GoDurationConverter.class,
      description = "How long TokenReview answers are reused.")
  private Duration tokenCacheTtl;

  @Option(
      names = "--authorization-webhook-cache-authorized-ttl",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = GoDurationConverter.class,
      description = "How long allowed SubjectAccessReview answers are reused.")
  private Duration authorizedTtl;

  @Option(
      names = "--authorization-webhook-cache-unauthorized-ttl",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = GoDurationConverter.class,
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
   * @param server runs the adapter with validated options and returns the exit code
   */
  public AdapterCommand(Function<AdapterOptions, Integer> server) {
    this.server = server;
  }

  /**
   * A command line with one-line flag errors and exit code 2 for them.
   *
   * @param server runs the adapter
   * @param explainer runs the {@code explain} subcommand
   */
  public static CommandLine commandLine(
      Function<AdapterOptions, Integer> server, ExplainCommand.Runner explainer) {
    CommandLine commandLine = new CommandLine(new AdapterCommand(server));
    commandLine.addSubcommand(new ExplainCommand(explainer));
    commandLine.setParameterExceptionHandler(
        (failure, args) -> {
          failure.getCommandLine().getErr().println("metrics-adapter: " + failure.getMessage());
          return 2;
        });
    return commandLine;
  }

  @Override
  public Integer call() {
    return server.apply(options());
  }

  /** Validates the flags into {@link AdapterOptions}. */
  AdapterOptions options() {
    if (config == null) {
      throw error("--config is required: a rule file or a directory of rule files");
    }
    requireExists("--config", config);
    if (maxAge == null) {
      maxAge = relistInterval;
    }
    if (relistInterval.isZero()) {
      throw error("--metrics-relist-interval must be greater than zero");
    }
    if (maxAge.compareTo(relistInterval) < 0) {
      throw error(
          "--metrics-max-age ("
              + GoDuration.format(maxAge)
              + ") must not be less than"
              + " --metrics-relist-interval ("
              + GoDuration.format(relistInterval)
              + ")");
    }
    if (prometheusTimeout.isZero()) {
      throw error("--prometheus-timeout must be greater than zero");
    }
    if (discoveryTimeout == null) {
      discoveryTimeout = relistInterval;
    }
    if (discoveryTimeout.isZero()) {
      throw error("--discovery-timeout must be greater than zero");
    }
    if (cacheTtl.isNegative() || serveStaleFor.isNegative()) {
      throw error("--cache-ttl and --serve-stale-for must not be negative");
    }
    if (maxConcurrentQueries < 1) {
      throw error("--max-concurrent-queries must be at least 1, not " + maxConcurrentQueries);
    }
    if (maxQueryWait.isNegative()) {
      throw error("--max-query-wait must not be negative");
    }
    if (securePort < 1 || securePort > 65535) {
      throw error("--secure-port must be between 1 and 65535, not " + securePort);
    }
    if ((tlsCertFile == null) != (tlsKeyFile == null)) {
      throw error("--tls-cert-file and --tls-private-key-file must be given together");
    }
    if ((prometheusClientCertFile == null) != (prometheusClientKeyFile == null)) {
      throw error(
          "--prometheus-client-tls-cert-file and --prometheus-client-tls-key-file must be given"
              + " together");
    }
    readable("--prometheus-token-file", prometheusTokenFile);
    readable("--prometheus-ca-file", prometheusCaFile);
    readable("--prometheus-client-tls-cert-file", prometheusClientCertFile);
    readable("--prometheus-client-tls-key-file", prometheusClientKeyFile);
    readable("--tls-cert-file", tlsCertFile);
    readable("--tls-private-key-file", tlsKeyFile);
    nonEmpty("--prometheus-token-file", prometheusTokenFile);
    certificates("--prometheus-ca-file", prometheusCaFile);
    keyPair("--prometheus-client-tls-cert-file", prometheusClientCertFile, prometheusClientKeyFile);
    keyPair("--tls-cert-file", tlsCertFile, tlsKeyFile);
    if (kubeconfig != null && !kubeconfig.equals("none")) {
      readable("--kubeconfig", Path.of(kubeconfig));
    }
    return new AdapterOptions(
        config,
        prometheusUrl(),
        headers(),
        verb(),
        Optional.ofNullable(prometheusTokenFile),
        Optional.ofNullable(prometheusCaFile),
        Optional.ofNullable(prometheusClientCertFile),
        Optional.ofNullable(prometheusClientKeyFile),
        prometheusTimeout,
        new AdapterOptions.QueryPath(cacheTtl, maxConcurrentQueries, maxQueryWait, serveStaleFor),
        relistInterval,
        maxAge,
        discoveryTimeout,
        securePort,
        bindAddress,
        certDir,
        Optional.ofNullable(tlsCertFile),
        Optional.ofNullable(tlsKeyFile),
        Optional.ofNullable(kubeconfig),
        authOptions(),
        tlsSettings(),
        logging());
  }

  private AdapterOptions.Logging logging() {
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      throw error("--log-format must be text or json, not \"" + logFormat + "\"");
    }
    if (!List.of("error", "warn", "info", "debug", "trace")
        .contains(logLevel.toLowerCase(Locale.ROOT))) {
      throw error(
          "--log-level must be error, warn, info, debug or trace, not \"" + logLevel + "\"");
    }
    return new AdapterOptions.Logging(logFormat, logLevel.toLowerCase(Locale.ROOT));
  }

  private TlsSettings tlsSettings() {
    TlsEngine engine;
    try {
      engine = TlsEngine.parse(tlsEngine);
      engine.usesOpenSsl();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw error("--tls-engine: " + e.getMessage());
    }
    try {
      return new TlsSettings(
          tlsMinVersion, tlsCipherSuites, !disableHttp2, http2MaxStreams, engine);
    } catch (IllegalArgumentException e) {
      String flag =
          e.getMessage().startsWith("minimum")
              ? "--tls-min-version"
              : e.getMessage().startsWith("cipher suites")
                  ? "--tls-cipher-suites"
                  : "--http2-max-streams-per-connection";
      throw error(flag + ": " + e.getMessage());
    }
  }

  private URI prometheusUrl() {
    try {
      return PrometheusFlags.url(prometheusUrl);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  private List<Map.Entry<String, String>> headers() {
    try {
      return PrometheusFlags.headers(prometheusHeaders);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  private PrometheusClientOptions.Verb verb() {
    try {
      return PrometheusClientOptions.Verb.valueOf(prometheusVerb.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw error("--prometheus-verb must be GET or POST, not \"" + prometheusVerb + "\"");
    }
  }

  private AuthOptions authOptions() {
    Optional<AdapterOptions.Auth> mode;
    if (auth == null) {
      mode = Optional.empty();
    } else if (auth.equals("none") || auth.equals("delegated")) {
      mode = Optional.of(AdapterOptions.Auth.valueOf(auth.toUpperCase(Locale.ROOT)));
    } else {
      throw error("--auth must be delegated or none, not \"" + auth + "\"");
    }
    readable("--requestheader-client-ca-file", requestHeaderCaFile);
    readable("--client-ca-file", clientCaFile);
    certificates("--requestheader-client-ca-file", requestHeaderCaFile);
    certificates("--client-ca-file", clientCaFile);
    return new AuthOptions(
        mode,
        new AuthenticationSettings(
            Optional.ofNullable(requestHeaderCaFile),
            Optional.ofNullable(requestHeaderAllowedNames),
            Optional.ofNullable(requestHeaderUsernameHeaders),
            Optional.ofNullable(requestHeaderGroupHeaders),
            Optional.ofNullable(requestHeaderExtraPrefixes),
            Optional.ofNullable(clientCaFile)),
        tokenCacheTtl,
        authorizedTtl,
        unauthorizedTtl,
        alwaysAllowPaths);
  }

  private void requireExists(String flag, Path path) {
    if (!Files.exists(path)) {
      throw error(flag + ": " + path + " does not exist");
    }
  }

  private void readable(String flag, Path path) {
    if (path != null && !(Files.isRegularFile(path) && Files.isReadable(path))) {
      throw error(flag + ": " + path + " is not a readable file");
    }
  }

  /** Fails unless {@code file} (when given) holds something other than white space. */
  private void nonEmpty(String flag, Path file) {
    if (file != null && read(flag, file).isBlank()) {
      throw error(flag + ": " + file + " is empty");
    }
  }

  /** Fails unless {@code file} (when given) is a PEM certificate bundle. */
  private void certificates(String flag, Path file) {
    if (file != null) {
      try {
        PemCertificates.parse(read(flag, file), file.toString());
      } catch (IllegalArgumentException e) {
        throw error(flag + ": " + e.getMessage());
      }
    }
  }

  /** Fails unless the two files (when given) are a PEM certificate chain and its private key. */
  private void keyPair(String flag, Path certificate, Path key) {
    if (certificate != null) {
      try {
        new ServingCertificate(certificate, key).read();
      } catch (IllegalArgumentException e) {
        throw error(flag + ": " + e.getMessage());
      }
    }
  }

  private String read(String flag, Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw error(flag + ": cannot read " + file + ": " + e.getMessage());
    }
  }

  private ParameterException error(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
