package dev.metricsadapter.testing;

import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.RuleCompiler;
import dev.metricsadapter.rules.RuleConfigParser;
import dev.metricsadapter.rules.RuleDocument;
import java.util.List;

/** Rules for tests, parsed and compiled as the adapter does. */
public final class Rules {

  /** The file name the rules of {@link #compile(String)} are read from, as messages show it. */
  public static final String FILE = "r.yaml";

  private Rules() {}

  /**
   * The rules of {@code yaml}, read as the one rule file {@value #FILE}, for built-in resources.
   */
  public static CompiledRules compile(String yaml) {
    return new RuleCompiler(new BuiltinResourceMapper())
        .compile(new RuleConfigParser().parse(List.of(new RuleDocument(FILE, yaml))));
  }
}
