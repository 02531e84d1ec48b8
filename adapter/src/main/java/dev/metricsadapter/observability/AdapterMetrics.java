package dev.metricsadapter.observability;

import dev.metricsadapter.auth.AuthOutcomes;
import dev.metricsadapter.prometheus.QueryPathEvents;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import io.prometheus.client.hotspot.DefaultExports;

/**
 * The adapter's own metrics, all named {@code metrics_adapter_*}, registered in one registry (plus
 * the JVM's). Label values come from small fixed sets, never from request text. Thread-safe.
 */
public final class AdapterMetrics implements AuthOutcomes, QueryPathEvents {

  private static final double[] LATENCY_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
  };

  private final CollectorRegistry registry;
  private final Counter apiRequests;
  private final Histogram apiLatency;
  private final Counter prometheusRequests;
  private final Histogram prometheusLatency;
  private final Counter reloads;
  private final Gauge lastReloadSuccess;
  private final Gauge reloadHealthy;
  private final Gauge restartNeeded;
  private final Counter authentications;
  private final Counter authorizations;
  private final Counter rejectedQueries;
  private final Counter retriedQueries;
  private final Counter staleAnswers;
  private final Counter invalidObjectNames;

  /** Registers every metric, and the JVM's, in {@code registry}. */
  public AdapterMetrics(CollectorRegistry registry) {
    this.registry = registry;
    DefaultExports.register(registry);
    apiRequests =
        counter(
            "metrics_adapter_api_requests_total",
            "API requests answered.",
            "group",
            "version",
            "kind",
            "code");
    apiLatency =
        histogram(
            "metrics_adapter_api_request_duration_seconds",
            "API request latency.",
            "group",
            "version",
            "kind");
    prometheusRequests =
        counter(
            "metrics_adapter_prometheus_requests_total",
            "Calls to Prometheus.",
            "endpoint",
            "outcome");
    prometheusLatency =
        histogram(
            "metrics_adapter_prometheus_request_duration_seconds",
            "Prometheus call latency.",
            "endpoint");
    reloads = counter("metrics_adapter_config_reloads_total", "Rule-file reloads.", "outcome");
    lastReloadSuccess =
        gauge(
            "metrics_adapter_config_last_reload_success_timestamp_seconds",
            "When the rules were last loaded successfully.");
    reloadHealthy =
        gauge(
            "metrics_adapter_config_last_reload_successful",
            "1 if the last attempt to load the rules succeeded, 0 if the last good rules are kept.");
    restartNeeded =
        gauge(
            "metrics_adapter_config_restart_needed",
            "1 if the current rules take full effect only after a restart (resourceRules added or removed), else 0.");
    invalidObjectNames =
        counter(
            "metrics_adapter_listing_invalid_names_total",
            "Label values left out of standalone object listings because they cannot name a Kubernetes object.");
    authentications =
        counter("metrics_adapter_authentications_total", "Authentication outcomes.", "result");
    authorizations =
        counter("metrics_adapter_authorizations_total", "Authorization decisions.", "decision");
    rejectedQueries =
        counter(
            "metrics_adapter_prometheus_rejected_queries_total",
            "Queries not sent to Prometheus: overloaded (503, Retry-After) or circuit_open.",
            "reason");
    retriedQueries =
        counter(
            "metrics_adapter_prometheus_retried_queries_total",
            "Queries sent again after a connection failure.");
    staleAnswers =
        counter(
            "metrics_adapter_stale_answers_total",
            "Failed queries answered with an earlier result (--serve-stale-for).");
  }

  private Counter counter(String name, String help, String... labels) {
    return Counter.build(name, help).labelNames(labels).register(registry);
  }

  /** A latency histogram with {@link #LATENCY_BUCKETS}. */
  private Histogram histogram(String name, String help, String... labels) {
    return Histogram.build(name, help)
        .labelNames(labels)
        .buckets(LATENCY_BUCKETS)
        .register(registry);
  }

  private Gauge gauge(String name, String help) {
    return Gauge.build(name, help).register(registry);
  }

  /** The registry, for {@code /metrics} and extra collectors. */
  public CollectorRegistry registry() {
    return registry;
  }

  /** One answered API request. */
  public void apiRequest(String group, String version, String kind, int code, double seconds) {
    apiRequests.labels(group, version, kind, Integer.toString(code)).inc();
    apiLatency.labels(group, version, kind).observe(seconds);
  }

  /** One Prometheus call; {@code outcome} is {@code success} or a failure kind. */
  public void prometheusCall(String endpoint, String outcome, double seconds) {
    prometheusRequests.labels(endpoint, outcome).inc();
    prometheusLatency.labels(endpoint).observe(seconds);
  }

  /** The rules loaded at startup: the last-success gauges are set, no reload is counted. */
  public void initialLoad(long epochSeconds) {
    reloadHealthy.set(1);
    lastReloadSuccess.set(epochSeconds);
  }

  /** {@code count} label values were left out of a listing as no Kubernetes name. */
  public void invalidObjectNames(long count) {
    invalidObjectNames.inc(count);
  }

  /** Whether the current rules need a restart to take full effect. */
  public void restartNeeded(boolean needed) {
    restartNeeded.set(needed ? 1 : 0);
  }

  /** A rule-file reload after a change. */
  public void reload(boolean success, long epochSeconds) {
    reloads.labels(success ? "success" : "failure").inc();
    reloadHealthy.set(success ? 1 : 0);
    if (success) {
      lastReloadSuccess.set(epochSeconds);
    }
  }

  @Override
  public void authentication(String result) {
    authentications.labels(result).inc();
  }

  @Override
  public void authorization(String decision) {
    authorizations.labels(decision).inc();
  }

  @Override
  public void rejected(String reason) {
    rejectedQueries.labels(reason).inc();
  }

  @Override
  public void retried() {
    retriedQueries.inc();
  }

  @Override
  public void staleAnswer() {
    staleAnswers.inc();
  }
}
