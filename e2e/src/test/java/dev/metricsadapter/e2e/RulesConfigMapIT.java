package dev.metricsadapter.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A rule added to the rules ConfigMap through the API reaches the running adapter without a
 * restart: the process kubelet projects the ConfigMap into the adapter's rules directory as a
 * kubelet does for a mounted volume ({@code ..data} swapped atomically), the adapter reloads, and
 * the new metric is served through the aggregator.
 */
@ExtendWith(AdapterCluster.Resolver.class)
class RulesConfigMapIT {

  private static final String RULE =
      """
      rules:
      - seriesQuery: '{__name__="http_requests_total",namespace!="",pod!=""}'
        resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
        name: {matches: ^(.*)_total$, as: "${1}_per_minute"}
        metricsQuery: sum(rate(<<.Series>>{<<.LabelMatchers>>}[30s]) * 60) by (<<.GroupBy>>)
      """;
  private static final String PER_MINUTE =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_minute";

  @Test
  void aRuleAddedThroughTheApiIsServedWithoutARestart(AdapterCluster cluster) throws Exception {
    Demo.apply(cluster);
    String[] namespaceAndName = cluster.env("RULES_CONFIGMAP").split("/", 2);
    var rules =
        cluster.admin().configMaps().inNamespace(namespaceAndName[0]).withName(namespaceAndName[1]);
    ConfigMap before = rules.get();
    try {
      rules.edit(
          configMap -> {
            configMap.getData().put("per-minute.yaml", RULE);
            return configMap;
          });
      Demo.awaitServed(cluster, "the new metric", PER_MINUTE);
    } finally {
      rules.edit(
          configMap -> {
            configMap.setData(before.getData());
            return configMap;
          });
    }
  }
}
