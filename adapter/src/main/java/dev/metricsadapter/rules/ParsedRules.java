package dev.metricsadapter.rules;

import java.util.List;

/**
 * The outcome of a lenient parse: the rules without structural problems, and the problems of the
 * others.
 *
 * @param config the rules that parsed cleanly
 * @param problems structural errors of the rules that were set aside, in file and line order
 */
public record ParsedRules(RuleConfig config, List<ConfigProblem> problems) {
  public ParsedRules {
    problems = List.copyOf(problems);
  }
}
