package dev.metricsadapter.prometheus;

/**
 * Prometheus' HTTP API (also served by Thanos, Mimir, Cortex and VictoriaMetrics): both roles of
 * one client, instant queries and series listing.
 */
public interface PrometheusClient extends InstantQueries, SeriesListing {}
