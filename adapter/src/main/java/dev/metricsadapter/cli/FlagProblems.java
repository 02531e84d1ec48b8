package dev.metricsadapter.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The flag problems of one command line, collected so that they are reported together, one line
 * each: every mixin validates its own flags, and the command fails once all have spoken. Not
 * thread-safe.
 */
final class FlagProblems {

  private final List<FlagException> problems = new ArrayList<>();

  /**
   * The result of {@code validation}, or {@code null} after recording its problem; call {@link
   * #throwIfAny} before using any result.
   */
  <T> T check(Supplier<T> validation) {
    try {
      return validation.get();
    } catch (FlagException e) {
      problems.add(e);
      return null;
    }
  }

  /**
   * @throws ParameterException with one line per problem, if there are any
   */
  void throwIfAny(CommandSpec spec) {
    if (!problems.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          String.join("\n", problems.stream().map(FlagException::getMessage).toList()));
    }
  }
}
