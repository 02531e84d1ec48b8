package dev.metricsadapter.query;

import dev.metricsadapter.query.LabelMatcher.Operator;
import dev.metricsadapter.query.LabelSelector.Requirement;
import java.util.List;

/**
 * Translates a Kubernetes label selector into PromQL label matchers. Set values are regex-escaped
 * before they are joined, so {@code in (a.b)} matches only {@code a.b}.
 */
public final class SelectorMatchers {

  private SelectorMatchers() {}

  /**
   * The matchers for {@code selector}, in the selector's (key-sorted) order.
   *
   * @throws SelectorException for {@code >} and {@code <}, which PromQL cannot express, and for
   *     keys that are not Prometheus label names (such as {@code app.kubernetes.io/name})
   */
  public static List<LabelMatcher> of(LabelSelector selector) {
    return selector.requirements().stream().map(SelectorMatchers::of).toList();
  }

  private static LabelMatcher of(Requirement requirement) {
    String key = requirement.key();
    if (!LabelMatcher.isLabelName(key)) {
      throw new SelectorException(
          "label \""
              + key
              + "\" in selector requirement \""
              + requirement
              + "\" is not a valid Prometheus label name");
    }
    List<String> values = requirement.values();
    return switch (requirement.operator()) {
      case EQUALS, DOUBLE_EQUALS -> new LabelMatcher(key, Operator.EQUAL, values.get(0));
      case NOT_EQUALS -> new LabelMatcher(key, Operator.NOT_EQUAL, values.get(0));
      case IN -> new LabelMatcher(key, Operator.REGEX, LabelMatcher.alternation(values));
      case NOT_IN -> new LabelMatcher(key, Operator.NOT_REGEX, LabelMatcher.alternation(values));
      case EXISTS -> new LabelMatcher(key, Operator.NOT_EQUAL, "");
      case DOES_NOT_EXIST -> new LabelMatcher(key, Operator.EQUAL, "");
      case GREATER_THAN, LESS_THAN ->
          throw new SelectorException(
              "operator \""
                  + requirement.operator().text()
                  + "\" in selector requirement \""
                  + requirement
                  + "\" is not supported by Prometheus queries");
    };
  }
}
