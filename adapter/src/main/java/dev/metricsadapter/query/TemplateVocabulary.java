package dev.metricsadapter.query;

import java.util.Set;

/**
 * The fields a template may reference: plain fields printed with {@code <<.Name>>} and map fields
 * read with {@code <<index .Name "key">>}. Anything else is rejected when the template compiles.
 *
 * @param fields names usable as {@code .Name}
 * @param maps names usable as the first argument of {@code index}
 */
public record TemplateVocabulary(Set<String> fields, Set<String> maps) {

  /**
   * Fields of a rule's {@code metricsQuery} (and of resource rules' container and node queries).
   */
  public static final TemplateVocabulary METRICS_QUERY =
      new TemplateVocabulary(
          Set.of("Series", "LabelMatchers", "GroupBy", "GroupBySlice", "LabelValuesByName"),
          Set.of("LabelValuesByName"));

  /** Fields of a rule's {@code resources.template}. */
  public static final TemplateVocabulary RESOURCE_LABEL =
      new TemplateVocabulary(Set.of("Group", "Resource"), Set.of());

  public TemplateVocabulary {
    fields = Set.copyOf(fields);
    maps = Set.copyOf(maps);
  }
}
