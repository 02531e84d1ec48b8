package dev.metricsadapter.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.metricsadapter.query.LabelMatcher;
import dev.metricsadapter.query.Template;
import dev.metricsadapter.query.TemplateException;
import dev.metricsadapter.query.TemplateVocabulary;
import dev.metricsadapter.resources.GroupResource;
import dev.metricsadapter.resources.ResourceInfo;
import dev.metricsadapter.resources.ResourceMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rule's compiled {@code resources} section: which series labels name which Kubernetes resources,
 * in both directions. Overrides are consulted first, then the template. Immutable and thread-safe;
 * resource names are normalized through the {@link ResourceMapper} given to each call, so a mapper
 * that learns new resources (CRDs installed later) is honoured without recompiling.
 */
public final class ResourceLabels {

  private static final String GROUP_SLOT = "\u0000group\u0000";
  private static final String RESOURCE_SLOT = "\u0000resource\u0000";

  private final Map<String, GroupResourceRef> overrides;
  private final Template template;
  private final Pattern labelPattern;

  private ResourceLabels(
      Map<String, GroupResourceRef> overrides, Template template, Pattern labelPattern) {
    this.overrides = overrides;
    this.template = template;
    this.labelPattern = labelPattern;
  }

  /**
   * Compiles a {@code resources} section.
   *
   * @throws TemplateException if the template is malformed or lacks {@code <<.Resource>>}
   * @throws IllegalArgumentException if the labels the template produces are not valid Prometheus
   *     label names
   */
  public static ResourceLabels compile(ResourceMapping mapping) {
    if (mapping.template().isEmpty()) {
      return new ResourceLabels(mapping.overrides(), null, null);
    }
    Template template = Template.compile(mapping.template(), TemplateVocabulary.RESOURCE_LABEL);
    if (!template.references("Resource")) {
      throw new TemplateException(
          "the template \"" + mapping.template() + "\" must contain <<.Resource>>");
    }
    String sample = render(template, "apps", "deployment");
    if (!LabelMatcher.isLabelName(sample)) {
      throw new IllegalArgumentException(
          "the template \""
              + mapping.template()
              + "\" produces label names such as \""
              + sample
              + "\" that are not valid Prometheus label names");
    }
    return new ResourceLabels(mapping.overrides(), template, labelPattern(template));
  }

  private static Pattern labelPattern(Template template) {
    String slotted = render(template, GROUP_SLOT, RESOURCE_SLOT);
    StringBuilder regex = new StringBuilder("^");
    int i = 0;
    while (i < slotted.length()) {
      int group = slotted.indexOf(GROUP_SLOT, i);
      int resource = slotted.indexOf(RESOURCE_SLOT, i);
      int next = group < 0 ? resource : resource < 0 ? group : Math.min(group, resource);
      if (next < 0) {
        regex.append(Pattern.quote(slotted.substring(i)));
        break;
      }
      if (next > i) {
        regex.append(Pattern.quote(slotted.substring(i, next)));
      }
      boolean isGroup = next == group;
      regex.append(isGroup ? "(?P<group>.+?)" : "(?P<resource>.+?)");
      i = next + (isGroup ? GROUP_SLOT.length() : RESOURCE_SLOT.length());
    }
    return Pattern.compile(regex.append('$').toString());
  }

  private static String render(Template template, String group, String resource) {
    return template.render(Map.of("Group", group, "Resource", resource), Map.of());
  }

  /**
   * The label holding names of {@code resource} objects, for queries: an override naming that
   * resource (first in file order), else the template rendered with the singular resource name and
   * the group with {@code .} and {@code -} replaced by {@code _}.
   */
  public Optional<String> labelFor(GroupResource resource, ResourceMapper mapper) {
    for (Map.Entry<String, GroupResourceRef> override : overrides.entrySet()) {
      Optional<ResourceInfo> target = resolve(override.getValue(), mapper);
      if (target.isPresent() && target.get().groupResource().equals(resource)) {
        return Optional.of(override.getKey());
      }
    }
    if (template == null) {
      return Optional.empty();
    }
    return mapper
        .resolve(resource.group(), resource.resource())
        .filter(info -> info.groupResource().equals(resource))
        .map(info -> labelFromTemplate(info));
  }

  private String labelFromTemplate(ResourceInfo info) {
    String group = info.groupResource().group().replace('.', '_').replace('-', '_');
    return render(template, group, info.singular());
  }

  /** Override targets that {@code mapper} does not know, described for warnings. */
  public List<String> unknownOverrides(ResourceMapper mapper) {
    List<String> unknown = new ArrayList<>();
    overrides.forEach(
        (label, ref) -> {
          if (resolve(ref, mapper).isEmpty()) {
            unknown.add(label);
          }
        });
    return unknown;
  }

  /**
   * A resolver from label names to resources for one discovery pass. It memoizes answers, so it is
   * meant for a single thread and a single pass over the series.
   */
  public LabelResolver resolver(ResourceMapper mapper) {
    return new LabelResolver(mapper);
  }

  private static Optional<ResourceInfo> resolve(GroupResourceRef ref, ResourceMapper mapper) {
    return mapper.resolve(ref.group(), ref.resource());
  }

  /** Resolves series label names to the resources they name; see {@link #resolver}. */
  public final class LabelResolver {
    private final ResourceMapper mapper;
    private final Map<String, Optional<ResourceInfo>> memo = new HashMap<>();
    private Map<String, ResourceInfo> renderedLabels;

    private LabelResolver(ResourceMapper mapper) {
      this.mapper = mapper;
    }

    /** The resource named by {@code label}, if any. */
    public Optional<ResourceInfo> resourceFor(String label) {
      return memo.computeIfAbsent(label, this::compute);
    }

    private Optional<ResourceInfo> compute(String label) {
      GroupResourceRef override = overrides.get(label);
      if (override != null) {
        return resolve(override, mapper);
      }
      if (template == null) {
        return Optional.empty();
      }
      ResourceInfo exact = renderedLabels().get(label);
      if (exact != null) {
        return Optional.of(exact);
      }
      Matcher match = labelPattern.matcher(label);
      if (!match.matches()) {
        return Optional.empty();
      }
      String group = labelPattern.namedGroups().containsKey("group") ? match.group("group") : "";
      return mapper.resolve(group, match.group("resource"));
    }

    /** Every known resource's label as the template renders it (first resource wins a tie). */
    private Map<String, ResourceInfo> renderedLabels() {
      if (renderedLabels == null) {
        renderedLabels = new HashMap<>();
        for (ResourceInfo info : mapper.resources()) {
          renderedLabels.putIfAbsent(labelFromTemplate(info), info);
        }
      }
      return renderedLabels;
    }
  }
}
