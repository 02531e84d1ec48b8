package dev.metricsadapter.rules;

import dev.metricsadapter.rules.YamlFields.Problems;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Strictly parses prometheus-adapter rule files ({@code rules}, {@code externalRules}, {@code
 * resourceRules}) into a {@link RuleConfig}. Unknown keys, duplicate keys, values of the wrong type
 * and missing required fields are errors; all errors of all documents are reported together in one
 * {@link RuleConfigException}. Documents merge in the order given. Stateless and thread-safe.
 *
 * <p>This checks structure only; regular expressions and templates are checked when the rules
 * compile.
 */
public final class RuleConfigParser {

  private static final Set<String> TOP_LEVEL = Set.of("rules", "externalRules", "resourceRules");
  private static final Set<String> DISCOVERY_RULE =
      Set.of("seriesQuery", "seriesFilters", "resources", "name", "metricsQuery");
  private static final Set<String> FILTER = Set.of("is", "isNot");
  private static final Set<String> RESOURCES = Set.of("template", "overrides", "namespaced");
  private static final Set<String> RESOURCE_RULE_RESOURCES = Set.of("template", "overrides");
  private static final Set<String> OVERRIDE = Set.of("group", "resource");
  private static final Set<String> NAME = Set.of("matches", "as");
  private static final Set<String> RESOURCE_RULES = Set.of("cpu", "memory", "window");
  private static final Set<String> RESOURCE_RULE =
      Set.of("containerQuery", "nodeQuery", "resources", "containerLabel");

  /**
   * Parses and merges {@code documents} in order.
   *
   * @throws RuleConfigException listing every problem found
   */
  public RuleConfig parse(List<RuleDocument> documents) {
    ParsedRules parsed = parseLeniently(documents);
    if (!parsed.problems().isEmpty()) {
      throw new RuleConfigException(parsed.problems());
    }
    return parsed.config();
  }

  /**
   * Parses and merges {@code documents} in order, setting aside every rule that has a problem, so
   * that the remaining rules can still be compiled and their errors reported in the same run.
   */
  public ParsedRules parseLeniently(List<RuleDocument> documents) {
    List<ConfigProblem> problems = new ArrayList<>();
    List<DiscoveryRule> rules = new ArrayList<>();
    List<DiscoveryRule> externalRules = new ArrayList<>();
    ResourceRules resourceRules = null;
    String resourceRulesAt = null;
    for (RuleDocument document : documents) {
      Problems sink = new Problems(document.name(), problems);
      Optional<YamlFields> top = root(document, sink);
      if (top.isEmpty()) {
        continue;
      }
      rules.addAll(discoveryRules(top.get(), "rules", sink));
      externalRules.addAll(discoveryRules(top.get(), "externalRules", sink));
      Optional<Node> resourceNode = top.get().node("resourceRules");
      if (resourceNode.isPresent()) {
        String here = document.name() + ":" + YamlFields.line(resourceNode.get());
        if (resourceRulesAt != null) {
          sink.add(
              resourceNode.get(),
              "resourceRules",
              "already defined at " + resourceRulesAt + "; define resourceRules in one file only");
        } else {
          resourceRulesAt = here;
          resourceRules = resourceRules(resourceNode.get(), sink).orElse(null);
        }
      }
    }
    return new ParsedRules(
        new RuleConfig(rules, externalRules, Optional.ofNullable(resourceRules)), problems);
  }

  private static Optional<YamlFields> root(RuleDocument document, Problems sink) {
    List<Node> roots = new ArrayList<>();
    try {
      Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
      yaml.composeAll(new StringReader(document.content())).forEach(roots::add);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      sink.add(line, "", "invalid YAML: " + problem);
      return Optional.empty();
    } catch (YAMLException e) {
      sink.add(0, "", "invalid YAML: " + e.getMessage());
      return Optional.empty();
    }
    if (roots.size() > 1) {
      sink.add(roots.get(1), "", "a rule file holds one YAML document, found " + roots.size());
      return Optional.empty();
    }
    if (roots.isEmpty()) {
      return Optional.of(YamlFields.empty(sink));
    }
    return YamlFields.of(roots.get(0), "", TOP_LEVEL, sink);
  }

  private static List<DiscoveryRule> discoveryRules(YamlFields top, String section, Problems sink) {
    List<DiscoveryRule> result = new ArrayList<>();
    List<Node> items = top.list(section);
    for (int index = 0; index < items.size(); index++) {
      discoveryRule(items.get(index), section, index, sink).ifPresent(result::add);
    }
    return result;
  }

  private static Optional<DiscoveryRule> discoveryRule(
      Node node, String section, int index, Problems sink) {
    String path = section + "[" + index + "]";
    int problemsBefore = sink.count();
    Optional<YamlFields> read = YamlFields.of(node, path, DISCOVERY_RULE, sink);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    YamlFields rule = read.get();
    Map<String, Integer> lines = new HashMap<>();
    String seriesQuery = rule.string("seriesQuery");
    String metricsQuery = rule.string("metricsQuery");
    String context = seriesQuery.isBlank() ? "" : " (rule with seriesQuery " + seriesQuery + ")";
    if (rule.isBlank("seriesQuery")) {
      sink.add(
          line(rule, "seriesQuery", node),
          path + ".seriesQuery",
          "required: the Prometheus series selector used for discovery");
    }
    if (rule.isBlank("metricsQuery")) {
      sink.add(
          line(rule, "metricsQuery", node),
          path + ".metricsQuery",
          "required: the PromQL template that computes the metric" + context);
    }
    List<SeriesFilterSpec> filters = new ArrayList<>();
    List<Node> filterNodes = rule.list("seriesFilters");
    for (int i = 0; i < filterNodes.size(); i++) {
      String filterPath = path + ".seriesFilters[" + i + "]";
      Node filterNode = filterNodes.get(i);
      lines.put("seriesFilters[" + i + "]", YamlFields.line(filterNode));
      YamlFields.of(filterNode, filterPath, FILTER, sink)
          .flatMap(filter -> filter(filter, filterNode, filterPath, context, sink))
          .ifPresent(filters::add);
    }
    ResourceMapping resources =
        rule.node("resources")
            .flatMap(n -> resources(n, path + ".resources", RESOURCES, lines, sink))
            .orElse(ResourceMapping.NONE);
    NameSpec name =
        rule.node("name")
            .flatMap(n -> YamlFields.of(n, path + ".name", NAME, sink))
            .map(
                fields -> {
                  fields.lineOf("matches").ifPresent(l -> lines.put("name.matches", l));
                  fields.lineOf("as").ifPresent(l -> lines.put("name.as", l));
                  return new NameSpec(fields.string("matches"), fields.string("as"));
                })
            .orElse(NameSpec.DEFAULT);
    for (String key : rule.keys()) {
      rule.lineOf(key).ifPresent(l -> lines.put(key, l));
    }
    if (sink.count() > problemsBefore) {
      return Optional.empty();
    }
    RuleOrigin origin = new RuleOrigin(sink.file(), YamlFields.line(node), section, index, lines);
    return Optional.of(
        new DiscoveryRule(origin, seriesQuery, filters, resources, name, metricsQuery));
  }

  private static Optional<SeriesFilterSpec> filter(
      YamlFields filter, Node node, String path, String context, Problems sink) {
    boolean hasIs = filter.node("is").isPresent();
    boolean hasIsNot = filter.node("isNot").isPresent();
    if (hasIs == hasIsNot) {
      sink.add(
          node,
          path,
          (hasIs
                  ? "cannot have both an 'is' and an 'isNot' expression in one filter"
                  : "needs exactly one of 'is' or 'isNot'")
              + context);
      return Optional.empty();
    }
    return Optional.of(
        hasIs
            ? new SeriesFilterSpec(filter.string("is"), true)
            : new SeriesFilterSpec(filter.string("isNot"), false));
  }

  private static Optional<ResourceMapping> resources(
      Node node, String path, Set<String> allowed, Map<String, Integer> lines, Problems sink) {
    return YamlFields.of(node, path, allowed, sink)
        .map(
            fields -> {
              fields.lineOf("template").ifPresent(l -> lines.put("resources.template", l));
              Map<String, GroupResourceRef> overrides = new LinkedHashMap<>();
              for (NodeTuple entry : fields.map("overrides")) {
                String label = ((ScalarNode) entry.getKeyNode()).getValue();
                String entryPath = path + ".overrides." + label;
                lines.put("resources.overrides." + label, YamlFields.line(entry.getKeyNode()));
                if (overrides.containsKey(label)) {
                  sink.add(entry.getKeyNode(), entryPath, "duplicate key");
                  continue;
                }
                YamlFields.of(entry.getValueNode(), entryPath, OVERRIDE, sink)
                    .ifPresent(
                        target -> {
                          String resource = target.string("resource");
                          if (resource.isBlank()) {
                            sink.add(
                                entry.getValueNode(),
                                entryPath + ".resource",
                                "required: the Kubernetes resource this label names");
                          }
                          overrides.put(
                              label, new GroupResourceRef(target.string("group"), resource));
                        });
              }
              return new ResourceMapping(
                  fields.string("template"), overrides, fields.bool("namespaced", true));
            });
  }

  private static Optional<ResourceRules> resourceRules(Node node, Problems sink) {
    int problemsBefore = sink.count();
    Optional<YamlFields> read = YamlFields.of(node, "resourceRules", RESOURCE_RULES, sink);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    YamlFields fields = read.get();
    Optional<ResourceRule> cpu = resourceRule(fields, "cpu", node, sink);
    Optional<ResourceRule> memory = resourceRule(fields, "memory", node, sink);
    Duration window = null;
    String windowText = fields.string("window");
    Node windowNode = fields.node("window").orElse(node);
    if (fields.isBlank("window")) {
      sink.add(
          windowNode,
          "resourceRules.window",
          "required: the window reported with each value, e.g. 5m");
    } else if (!windowText.isEmpty()) {
      try {
        window = PrometheusDuration.parse(windowText);
      } catch (IllegalArgumentException e) {
        sink.add(windowNode, "resourceRules.window", e.getMessage());
      }
    }
    if (cpu.isEmpty() || memory.isEmpty() || window == null || sink.count() > problemsBefore) {
      return Optional.empty();
    }
    return Optional.of(new ResourceRules(cpu.get(), memory.get(), window));
  }

  private static Optional<ResourceRule> resourceRule(
      YamlFields parent, String key, Node parentNode, Problems sink) {
    String path = "resourceRules." + key;
    Optional<Node> node = parent.node(key);
    if (node.isEmpty()) {
      sink.add(parentNode, path, "required: queries for " + key + " usage");
      return Optional.empty();
    }
    Optional<YamlFields> read = YamlFields.of(node.get(), path, RESOURCE_RULE, sink);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    YamlFields rule = read.get();
    Map<String, Integer> lines = new HashMap<>();
    for (String field : List.of("containerQuery", "nodeQuery", "containerLabel")) {
      if (rule.isBlank(field)) {
        sink.add(line(rule, field, node.get()), path + "." + field, "required");
      }
    }
    ResourceMapping resources =
        rule.node("resources")
            .flatMap(n -> resources(n, path + ".resources", RESOURCE_RULE_RESOURCES, lines, sink))
            .orElse(ResourceMapping.NONE);
    for (String field : rule.keys()) {
      rule.lineOf(field).ifPresent(l -> lines.put(field, l));
    }
    RuleOrigin origin = new RuleOrigin(sink.file(), YamlFields.line(node.get()), path, -1, lines);
    return Optional.of(
        new ResourceRule(
            origin,
            rule.string("containerQuery"),
            rule.string("nodeQuery"),
            resources,
            rule.string("containerLabel")));
  }

  private static int line(YamlFields fields, String key, Node fallback) {
    return fields.lineOf(key).orElse(YamlFields.line(fallback));
  }
}
