package dev.metricsadapter.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule's {@code resources} section: how series labels name Kubernetes resources.
 *
 * @param template label-name template containing {@code <<.Resource>>} (and optionally {@code
 *     <<.Group>>}); empty when absent
 * @param overrides label name to resource, checked before the template, in file order
 * @param namespaced for external rules: whether the request namespace is added to the query
 */
public record ResourceMapping(
    String template, Map<String, GroupResourceRef> overrides, boolean namespaced) {

  /** No template, no overrides, namespaced. */
  public static final ResourceMapping NONE = new ResourceMapping("", Map.of(), true);

  public ResourceMapping {
    overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
  }
}
