package dev.metricsadapter.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command of {@link DemoApp}: turns its flags into validated options and runs its action with
 * them. An {@link IllegalArgumentException} while building the options is a bad flag, reported as
 * one (its message, then exit 2).
 *
 * @param <T> the options
 */
abstract class LaunchedCommand<T> implements Callable<Integer> {
  private final DemoApp.Action<T> action;

  @Spec CommandSpec spec;

  LaunchedCommand(DemoApp.Action<T> action) {
    this.action = action;
  }

  /**
   * The options the flags say.
   *
   * @throws IllegalArgumentException naming the flag that is wrong
   */
  abstract T options();

  @Override
  public Integer call() {
    T options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    return action.run(options, spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
