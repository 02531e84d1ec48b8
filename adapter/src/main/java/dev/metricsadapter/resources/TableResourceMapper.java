package dev.metricsadapter.resources;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@link ResourceMapper} over a fixed list of resources. A name matches a resource's plural,
 * singular, short names or kind, case-insensitively; with an empty group the first match in list
 * order wins, so lists put the core group first, as Kubernetes' REST mapper prefers it. Immutable
 * and thread-safe.
 */
public class TableResourceMapper implements ResourceMapper {

  private final List<ResourceInfo> resources;

  /**
   * @param resources the resources, in preference order
   */
  public TableResourceMapper(List<ResourceInfo> resources) {
    this.resources = List.copyOf(resources);
  }

  @Override
  public Optional<ResourceInfo> resolve(String group, String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return resources.stream()
        .filter(r -> group.isEmpty() || r.groupResource().group().equals(group))
        .filter(
            r ->
                r.groupResource().resource().equals(wanted)
                    || r.singular().equals(wanted)
                    || r.kind().toLowerCase(Locale.ROOT).equals(wanted)
                    || r.shortNames().contains(wanted))
        .findFirst();
  }

  @Override
  public List<ResourceInfo> resources() {
    return resources;
  }
}
