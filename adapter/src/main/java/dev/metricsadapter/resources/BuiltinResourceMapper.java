package dev.metricsadapter.resources;

import java.util.Arrays;
import java.util.List;

/**
 * A {@link ResourceMapper} over a fixed table of the built-in resources of the core, apps, batch,
 * autoscaling, policy and networking.k8s.io groups, so that rules compile and can be tested without
 * a cluster (and to serve without one). The core group comes first, as in Kubernetes. Immutable and
 * thread-safe.
 */
public final class BuiltinResourceMapper extends TableResourceMapper {

  /** group|version|kind|plural|singular|short names (comma-separated)|namespaced */
  private static final List<String> TABLE =
      List.of(
          "|v1|Pod|pods|pod|po|true",
          "|v1|Service|services|service|svc|true",
          "|v1|Endpoints|endpoints|endpoints|ep|true",
          "|v1|Namespace|namespaces|namespace|ns|false",
          "|v1|Node|nodes|node|no|false",
          "|v1|PersistentVolume|persistentvolumes|persistentvolume|pv|false",
          "|v1|PersistentVolumeClaim|persistentvolumeclaims|persistentvolumeclaim|pvc|true",
          "|v1|ConfigMap|configmaps|configmap|cm|true",
          "|v1|Secret|secrets|secret||true",
          "|v1|ServiceAccount|serviceaccounts|serviceaccount|sa|true",
          "|v1|ReplicationController|replicationcontrollers|replicationcontroller|rc|true",
          "|v1|Event|events|event|ev|true",
          "|v1|LimitRange|limitranges|limitrange|limits|true",
          "|v1|ResourceQuota|resourcequotas|resourcequota|quota|true",
          "|v1|PodTemplate|podtemplates|podtemplate||true",
          "|v1|ComponentStatus|componentstatuses|componentstatus|cs|false",
          "apps|v1|Deployment|deployments|deployment|deploy|true",
          "apps|v1|ReplicaSet|replicasets|replicaset|rs|true",
          "apps|v1|StatefulSet|statefulsets|statefulset|sts|true",
          "apps|v1|DaemonSet|daemonsets|daemonset|ds|true",
          "apps|v1|ControllerRevision|controllerrevisions|controllerrevision||true",
          "batch|v1|Job|jobs|job||true",
          "batch|v1|CronJob|cronjobs|cronjob|cj|true",
          "autoscaling|v2|HorizontalPodAutoscaler|horizontalpodautoscalers|horizontalpodautoscaler|hpa|true",
          "policy|v1|PodDisruptionBudget|poddisruptionbudgets|poddisruptionbudget|pdb|true",
          "networking.k8s.io|v1|Ingress|ingresses|ingress|ing|true",
          "networking.k8s.io|v1|IngressClass|ingressclasses|ingressclass||false",
          "networking.k8s.io|v1|NetworkPolicy|networkpolicies|networkpolicy|netpol|true");

  public BuiltinResourceMapper() {
    super(TABLE.stream().map(BuiltinResourceMapper::row).toList());
  }

  private static ResourceInfo row(String line) {
    String[] cells = line.split("\\|", -1);
    List<String> shortNames = cells[5].isEmpty() ? List.of() : Arrays.asList(cells[5].split(","));
    return new ResourceInfo(
        new GroupResource(cells[0], cells[3]),
        cells[1],
        cells[2],
        cells[4],
        shortNames,
        Boolean.parseBoolean(cells[6]));
  }
}
