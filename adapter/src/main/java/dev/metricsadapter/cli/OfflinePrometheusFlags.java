package dev.metricsadapter.cli;

import dev.metricsadapter.prometheus.PrometheusClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The Prometheus flags of the one-shot commands ({@code check}, {@code explain}): {@code
 * --prometheus-url}, {@code --prometheus-header}, {@code --prometheus-timeout} and {@code
 * --metrics-max-age}, with the serving command's names and defaults. A picocli mixin; errors are
 * the mixing command's usage errors.
 */
public final class OfflinePrometheusFlags {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--prometheus-url",
      paramLabel = "URL",
      description = "Prometheus (or a compatible API) to discover series from.")
  private String prometheusUrl;

  @Option(
      names = "--prometheus-header",
      paramLabel = "KEY=VALUE",
      description = "Header sent with every Prometheus call (repeatable).")
  private List<String> prometheusHeaders = new ArrayList<>();

  @Option(
      names = "--prometheus-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = GoDurationConverter.class,
      description = "Deadline of every Prometheus call.")
  private Duration prometheusTimeout;

  @Option(
      names = "--metrics-max-age",
      paramLabel = "DURATION",
      defaultValue = "1m",
      converter = GoDurationConverter.class,
      description = "Series with samples since now minus this are discovered.")
  private Duration maxAge;

  /** How far back series are discovered. */
  public Duration maxAge() {
    return maxAge;
  }

  /**
   * The client options, or empty without {@code --prometheus-url}.
   *
   * @throws ParameterException for an invalid flag, or a flag that needs {@code --prometheus-url}
   */
  Optional<PrometheusClientOptions> options() {
    if (prometheusUrl == null) {
      if (!prometheusHeaders.isEmpty()) {
        throw error("--prometheus-header needs --prometheus-url");
      }
      return Optional.empty();
    }
    if (prometheusTimeout.isZero() || prometheusTimeout.isNegative()) {
      throw error("--prometheus-timeout must be greater than zero");
    }
    if (maxAge.isZero() || maxAge.isNegative()) {
      throw error("--metrics-max-age must be greater than zero");
    }
    URI url;
    List<Map.Entry<String, String>> headers;
    try {
      url = PrometheusFlags.url(prometheusUrl);
      headers = PrometheusFlags.headers(prometheusHeaders);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
    try {
      return Optional.of(
          PrometheusClientOptions.of(url).withHeaders(headers).withTimeout(prometheusTimeout));
    } catch (IllegalArgumentException e) {
      String flag = e.getMessage().contains("header") ? "--prometheus-header" : "--prometheus-url";
      throw error(flag + ": " + e.getMessage());
    }
  }

  private ParameterException error(String message) {
    return new ParameterException(mixee.commandLine(), message);
  }
}
