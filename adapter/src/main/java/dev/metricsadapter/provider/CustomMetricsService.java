package dev.metricsadapter.provider;

import dev.metricsadapter.catalog.CatalogEntry;
import dev.metricsadapter.catalog.MetricKey;
import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.kube.ObjectLister;
import dev.metricsadapter.prometheus.InstantQueries;
import dev.metricsadapter.prometheus.QueryResult;
import dev.metricsadapter.prometheus.QueryResult.Sample;
import dev.metricsadapter.provider.MetricValue.ObjectReference;
import dev.metricsadapter.quantity.Quantities;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.ResourceInfo;
import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.QueryBuildException;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code custom.metrics.k8s.io} requests: resource -> catalog entry -> objects -> PromQL ->
 * Prometheus -> one value per object that has a sample. Never invents a value: an object without a
 * sample is left out (and a single-object request without one is a 404), NaN becomes 0 as in
 * prometheus-adapter, and infinite values are left out with a warning. Failures are {@link
 * AdapterException}s in failed futures. Thread-safe; never blocks.
 */
public record CustomMetricsService(
    Supplier<DiscoverySnapshot> snapshot,
    ResourceMapper mapper,
    ObjectLister lister,
    InstantQueries prometheus,
    Clock clock) {

  private static final Logger LOG = LoggerFactory.getLogger(CustomMetricsService.class);
  private static final GroupResource NAMESPACES = GroupResource.core("namespaces");

  /** A resolved request: the resource, the catalog entry and the labels its rule uses. */
  private record Target(
      CustomMetricRequest request,
      ResourceInfo resource,
      CatalogEntry entry,
      String resourceLabel,
      String namespaceLabel) {

    /** What the rule contributes, for a {@link QueryTrace}. */
    Map<String, String> details() {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("seriesQuery", entry.rule().seriesQuery());
      details.put("series", entry.seriesName());
      details.put("resource", resource.groupResource().toString());
      details.put("resourceLabel", resourceLabel);
      if (namespaceLabel != null) {
        details.put("namespaceLabel", namespaceLabel);
      }
      return details;
    }
  }

  /** The values for {@code request}, each step reported to {@code trace}. */
  public Future<List<MetricValue>> values(CustomMetricRequest request, QueryTrace trace) {
    trace.parsed(request.fields());
    Target target;
    try {
      target = resolve(request);
    } catch (AdapterException e) {
      return Future.failedFuture(e);
    }
    trace.matched(target.entry().rule().toString(), target.details());
    return objectNames(target, trace).compose(names -> query(target, names, trace));
  }

  private Target resolve(CustomMetricRequest request) {
    GroupResource asWritten = GroupResource.parse(request.resource());
    ResourceInfo resource =
        mapper
            .resolve(asWritten.group(), asWritten.resource())
            .orElseThrow(
                () -> MetricNotFoundException.forResource(request.metric(), request.resource()));
    String resourceName = resource.groupResource().toString();
    if (resource.namespaced() != (request.namespace() != null)) {
      throw MetricNotFoundException.forResource(request.metric(), resourceName);
    }
    MetricKey key =
        new MetricKey(resource.groupResource(), resource.namespaced(), request.metric());
    CatalogEntry entry =
        snapshot
            .get()
            .catalog()
            .find(key)
            .orElseThrow(() -> MetricNotFoundException.forResource(request.metric(), resourceName));
    String resourceLabel = label(entry, resource.groupResource());
    String namespaceLabel = resource.namespaced() ? label(entry, NAMESPACES) : null;
    return new Target(request, resource, entry, resourceLabel, namespaceLabel);
  }

  private String label(CatalogEntry entry, GroupResource resource) {
    return entry
        .rule()
        .resources()
        .labelFor(resource, mapper)
        .orElseThrow(
            () ->
                new QueryBuildException(
                    "rule " + entry.rule() + " has no label for resource " + resource));
  }

  private Future<List<String>> objectNames(Target target, QueryTrace trace) {
    CustomMetricRequest request = target.request();
    if (!request.isWildcard()) {
      return Future.succeededFuture(List.of(request.name()));
    }
    return lister
        .names(
            target.resource(),
            request.namespace(),
            request.labelSelector(),
            new ObjectLister.MetricSource(
                target.entry().seriesName(), target.resourceLabel(), target.namespaceLabel()))
        .onSuccess(trace::objects)
        .compose(
            names ->
                names.isEmpty()
                    ? Future.failedFuture(
                        MetricNotFoundException.noObjects(
                            request.metric(),
                            target.resource().groupResource().toString(),
                            request.namespace(),
                            request.labelSelector().toString()))
                    : Future.succeededFuture(names));
  }

  private Future<List<MetricValue>> query(Target target, List<String> names, QueryTrace trace) {
    CustomMetricRequest request = target.request();
    String promql;
    try {
      promql =
          target
              .entry()
              .rule()
              .customQuery(
                  target.entry().seriesName(),
                  target.resource().groupResource(),
                  request.namespace(),
                  names,
                  request.metricSelector(),
                  mapper);
    } catch (AdapterException e) {
      return Future.failedFuture(e);
    }
    LOG.debug("{} -> {}", request, promql);
    return RuleQueries.send(
            prometheus, trace, clock.instant(), target.entry().rule(), request.metric(), promql)
        .map(result -> values(target, names, result));
  }

  private List<MetricValue> values(Target target, List<String> names, QueryResult result) {
    CustomMetricRequest request = target.request();
    if (result.type() != QueryResult.Type.VECTOR) {
      throw new UnexpectedResultException(
          "the query of rule "
              + target.entry().rule()
              + " for metric "
              + request.metric()
              + " returned a "
              + result.type().name().toLowerCase(java.util.Locale.ROOT)
              + "; a metricsQuery must return an instant vector grouped by the resource label");
    }
    Map<String, Sample> byObject = new HashMap<>();
    for (Sample sample : result.samples()) {
      String object = sample.labels().get(target.resourceLabel());
      if (object != null && byObject.putIfAbsent(object, sample) != null) {
        LOG.warn(
            "query for {} returned several series for {} {}; keeping the first (group by {})",
            request.metric(),
            target.resourceLabel(),
            object,
            target.resourceLabel());
      }
    }
    List<MetricValue> values = new ArrayList<>();
    for (String name : names) {
      Sample sample = byObject.get(name);
      if (sample == null) {
        continue;
      }
      value(request, name, sample)
          .ifPresent(
              value ->
                  values.add(
                      new MetricValue(
                          reference(target.resource(), request.namespace(), name),
                          request.metric(),
                          request.metricSelector(),
                          sample.timestamp(),
                          value)));
    }
    if (values.isEmpty() && !request.isWildcard()) {
      throw MetricNotFoundException.forObject(
          request.metric(), target.resource().groupResource().toString(), request.name());
    }
    return values;
  }

  private static Optional<BigDecimal> value(
      CustomMetricRequest request, String name, Sample sample) {
    if (Quantities.isInfinite(sample.value())) {
      LOG.warn("metric {} of {} is {}; left out", request.metric(), name, sample.value());
      return Optional.empty();
    }
    return Optional.of(Quantities.parsePrometheusValue(sample.value()).orElse(BigDecimal.ZERO));
  }

  private static ObjectReference reference(ResourceInfo resource, String namespace, String name) {
    String group = resource.groupResource().group();
    String apiVersion = group.isEmpty() ? resource.version() : group + "/" + resource.version();
    return new ObjectReference(resource.kind(), namespace, name, apiVersion);
  }
}
