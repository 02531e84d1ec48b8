package dev.metricsadapter.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command {@link ProcessKubelet} runs for each pod: a program and its arguments, in which the
 * placeholders {@value #PORT}, {@value #POD} and {@value #NAMESPACE} are replaced, in every
 * element, by the pod's loopback port, name and namespace. At least one element must contain
 * {@value #PORT}: a process that is not told its port cannot be probed.
 *
 * <p>Immutable. The constructor fails with {@link IllegalArgumentException} on an empty command or
 * one without {@value #PORT}.
 *
 * @param argv program and arguments, unsplit (an element may contain spaces)
 */
public record CommandTemplate(List<String> argv) {
  /** Replaced by the port the process must listen on (127.0.0.1). */
  public static final String PORT = "{port}";

  /** Replaced by the pod's name. */
  public static final String POD = "{pod}";

  /** Replaced by the pod's namespace. */
  public static final String NAMESPACE = "{namespace}";

  public CommandTemplate {
    argv = List.copyOf(argv);
    if (argv.isEmpty() || argv.get(0).isBlank()) {
      throw new IllegalArgumentException("the command is empty");
    }
    if (argv.stream().noneMatch(arg -> arg.contains(PORT))) {
      throw new IllegalArgumentException(
          "the command "
              + argv
              + " does not contain "
              + PORT
              + ", so the process cannot be told"
              + " which port to listen on");
    }
  }

  /**
   * A template from command-line values, each split on whitespace: {@code ["java -jar app.jar",
   * "--port={port}"]} and {@code ["java", "-jar", "app.jar", "--port={port}"]} are the same
   * command. An argument cannot contain whitespace this way; use the constructor for that.
   */
  public static CommandTemplate fromWords(List<String> values) {
    List<String> argv = new ArrayList<>();
    for (String value : values) {
      Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(argv::add);
    }
    return new CommandTemplate(argv);
  }

  /** The command for one pod, placeholders replaced. */
  public List<String> render(int port, String namespace, String pod) {
    return argv.stream()
        .map(
            arg ->
                arg.replace(PORT, Integer.toString(port))
                    .replace(NAMESPACE, namespace)
                    .replace(POD, pod))
        .toList();
  }
}
