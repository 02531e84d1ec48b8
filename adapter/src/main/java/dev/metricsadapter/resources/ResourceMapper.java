package dev.metricsadapter.resources;

import java.util.List;
import java.util.Optional;

/**
 * Normalizes resource names the way Kubernetes' REST mapper does. Implementations must be
 * thread-safe; a mapper backed by API discovery may change between calls as resources come and go.
 */
public interface ResourceMapper {

  /**
   * Finds a resource by plural, singular or short name, or kind (case-insensitive).
   *
   * @param group the API group; empty means any group, preferring the core group
   * @param name the resource as written by a user
   */
  Optional<ResourceInfo> resolve(String group, String name);

  /** Every resource this mapper knows. */
  List<ResourceInfo> resources();
}
