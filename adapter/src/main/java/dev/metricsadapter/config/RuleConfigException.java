package dev.metricsadapter.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Rule files that cannot be used. Carries every error found in one load, so an operator fixes them
 * all in one round; the message lists them one per line.
 */
public final class RuleConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public RuleConfigException(List<ConfigProblem> problems) {
    super(
        problems.size()
            + (problems.size() == 1 ? " error" : " errors")
            + " in the rule configuration:\n"
            + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** The errors, in file and line order. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
