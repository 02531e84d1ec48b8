package dev.metricsadapter.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Rule files that cannot be used. Carries every error found in one load, so an operator fixes them
 * all in one round; the message lists them one per line.
 */
public final class RuleConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  /**
   * @param problems the errors, in any order; they are kept in reading order
   */
  public RuleConfigException(List<ConfigProblem> problems) {
    super(describe(ConfigProblem.inReadingOrder(problems)));
    this.problems = ConfigProblem.inReadingOrder(problems);
  }

  private static String describe(List<ConfigProblem> ordered) {
    return ordered.size()
        + (ordered.size() == 1 ? " error" : " errors")
        + " in the rule configuration:\n"
        + ordered.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
  }

  /** The errors, in reading order (see {@link ConfigProblem#inReadingOrder}). */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
