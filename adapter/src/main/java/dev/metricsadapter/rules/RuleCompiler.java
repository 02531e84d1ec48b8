package dev.metricsadapter.rules;

import dev.metricsadapter.query.LabelMatcher;
import dev.metricsadapter.query.MetricsQuery;
import dev.metricsadapter.resources.ResourceMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Compiles a parsed {@link RuleConfig}: regular expressions, name expansions, resource templates
 * and query templates. Every error of every rule is collected and thrown together; warnings are
 * returned with the result. Thread-safe.
 */
public final class RuleCompiler {

  private final ResourceMapper mapper;

  /**
   * @param mapper used to warn about overrides naming unknown resources
   */
  public RuleCompiler(ResourceMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Compiles {@code config}.
   *
   * @throws RuleConfigException listing every error, each with file, line, rule and seriesQuery
   */
  public CompiledRules compile(RuleConfig config) {
    return compile(new ParsedRules(config, List.of()));
  }

  /**
   * Compiles the rules that parsed cleanly and reports their errors together with the parse errors
   * of the others.
   *
   * @throws RuleConfigException listing every error of both stages, in file and line order
   */
  public CompiledRules compile(ParsedRules parsed) {
    RuleConfig config = parsed.config();
    Problems problems = new Problems();
    problems.errors.addAll(parsed.problems());
    List<CompiledRule> rules = compileAll(config.rules(), problems);
    List<CompiledRule> externalRules = compileAll(config.externalRules(), problems);
    Optional<CompiledResourceRules> resourceRules =
        config.resourceRules().flatMap(r -> compileResourceRules(r, problems));
    if (!problems.errors.isEmpty()) {
      throw new RuleConfigException(problems.errors);
    }
    return new CompiledRules(
        rules,
        externalRules,
        resourceRules,
        ConfigProblem.inReadingOrder(problems.warnings),
        ConfigProblem.inReadingOrder(problems.selectors));
  }

  private List<CompiledRule> compileAll(List<DiscoveryRule> rules, Problems problems) {
    List<CompiledRule> compiled = new ArrayList<>();
    for (DiscoveryRule rule : rules) {
      compile(rule, problems).ifPresent(compiled::add);
    }
    return compiled;
  }

  private Optional<CompiledRule> compile(DiscoveryRule rule, Problems problems) {
    String context = " (rule with seriesQuery " + rule.seriesQuery() + ")";
    Site site = new Site(rule.origin(), context, problems);
    site.checkSelector(rule.seriesQuery());
    List<SeriesFilter> filters = new ArrayList<>();
    for (int i = 0; i < rule.seriesFilters().size(); i++) {
      SeriesFilterSpec spec = rule.seriesFilters().get(i);
      String field = "seriesFilters[" + i + "]." + (spec.keepMatching() ? "is" : "isNot");
      site.attempt(field, () -> SeriesFilter.compile(spec)).ifPresent(filters::add);
    }
    String matches = rule.name().matches().isEmpty() ? ".*" : rule.name().matches();
    Optional<MetricNamer> namer =
        site.attempt("name.matches", () -> GoRegex.compile(matches))
            .flatMap(valid -> site.attempt("name.as", () -> MetricNamer.compile(rule.name())));
    namer.ifPresent(n -> n.warnings().forEach(w -> site.warn("name.as", w)));
    Optional<ResourceLabels> resources = resourceLabels(rule.resources(), site);
    Optional<MetricsQuery> query =
        site.attempt("metricsQuery", () -> MetricsQuery.compile(rule.metricsQuery()));
    if (namer.isEmpty()
        || resources.isEmpty()
        || query.isEmpty()
        || filters.size() != rule.seriesFilters().size()) {
      return Optional.empty();
    }
    return Optional.of(
        new CompiledRule(
            rule.origin(),
            rule.seriesQuery(),
            filters,
            namer.get(),
            resources.get(),
            query.get(),
            rule.resources().namespaced()));
  }

  private Optional<ResourceLabels> resourceLabels(ResourceMapping mapping, Site site) {
    long invalidLabels =
        mapping.overrides().keySet().stream()
            .filter(
                label ->
                    site.attempt(
                            "resources.overrides." + label,
                            () -> labelName(label, "override label"))
                        .isEmpty())
            .count();
    Optional<ResourceLabels> labels =
        site.attempt("resources.template", () -> ResourceLabels.compile(mapping))
            .filter(valid -> invalidLabels == 0);
    labels.ifPresent(
        l ->
            l.unknownOverrides(mapper)
                .forEach(
                    label ->
                        site.warn(
                            "resources.overrides." + label,
                            "resource "
                                + describe(mapping.overrides().get(label))
                                + " is not known to the resource mapper; series are not associated"
                                + " through label '"
                                + label
                                + "' until it is")));
    return labels;
  }

  private static String describe(GroupResourceRef ref) {
    return "'"
        + ref.resource()
        + "'"
        + (ref.group().isEmpty() ? "" : " in group '" + ref.group() + "'");
  }

  private Optional<CompiledResourceRules> compileResourceRules(
      ResourceRules rules, Problems problems) {
    Optional<CompiledResourceRules.Rule> cpu = compileResourceRule(rules.cpu(), problems);
    Optional<CompiledResourceRules.Rule> memory = compileResourceRule(rules.memory(), problems);
    if (cpu.isEmpty() || memory.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new CompiledResourceRules(cpu.get(), memory.get(), rules.window()));
  }

  private Optional<CompiledResourceRules.Rule> compileResourceRule(
      ResourceRule rule, Problems problems) {
    Site site = new Site(rule.origin(), "", problems);
    Optional<MetricsQuery> container =
        site.attempt("containerQuery", () -> MetricsQuery.compile(rule.containerQuery()));
    Optional<MetricsQuery> node =
        site.attempt("nodeQuery", () -> MetricsQuery.compile(rule.nodeQuery()));
    Optional<ResourceLabels> resources = resourceLabels(rule.resources(), site);
    Optional<String> containerLabel =
        site.attempt("containerLabel", () -> labelName(rule.containerLabel(), "containerLabel"));
    if (container.isEmpty() || node.isEmpty() || resources.isEmpty() || containerLabel.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CompiledResourceRules.Rule(
            rule.origin(), container.get(), node.get(), resources.get(), containerLabel.get()));
  }

  private static String labelName(String label, String what) {
    if (!LabelMatcher.isLabelName(label)) {
      throw new IllegalArgumentException(
          what + " \"" + label + "\" is not a valid Prometheus label name");
    }
    return label;
  }

  private static final class Problems {
    final List<ConfigProblem> errors = new ArrayList<>();
    final List<ConfigProblem> warnings = new ArrayList<>();
    final List<ConfigProblem> selectors = new ArrayList<>();
  }

  /** Reports problems of one rule at the line of the offending field. */
  private record Site(RuleOrigin origin, String context, Problems problems) {

    <T> Optional<T> attempt(String field, Supplier<T> step) {
      try {
        return Optional.of(step.get());
      } catch (IllegalArgumentException e) {
        problems.errors.add(problem(field, e.getMessage()));
        return Optional.empty();
      }
    }

    void checkSelector(String seriesQuery) {
      try {
        SeriesSelectorSyntax.check(seriesQuery);
      } catch (IllegalArgumentException e) {
        problems.selectors.add(
            new ConfigProblem(
                origin.file(),
                origin.lineOf("seriesQuery"),
                origin.path() + ".seriesQuery",
                e.getMessage()));
      }
    }

    void warn(String field, String message) {
      problems.warnings.add(problem(field, message));
    }

    private ConfigProblem problem(String field, String message) {
      return new ConfigProblem(
          origin.file(), origin.lineOf(field), origin.path() + "." + field, message + context);
    }
  }
}
