package dev.metricsadapter.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The adapter's command line in a test stack: what the stack adds to a test's flags, and how the
 * flags of a further adapter override those of the first. A flag's name is its text before the
 * first {@code =} ({@code --cache-ttl} of {@code --cache-ttl=0s}).
 */
final class AdapterFlags {

  private AdapterFlags() {}

  /**
   * {@code --config=rules}, {@code --prometheus-url=prometheus} unless {@code flags} name one,
   * {@code --kubeconfig=none} unless they name one, then {@code flags}.
   *
   * @param prometheus the Prometheus the stack runs, or null when {@code flags} must name one
   * @throws IllegalArgumentException if {@code prometheus} is null and {@code flags} name none
   */
  static List<String> forStack(Path rules, URI prometheus, List<String> flags) {
    Set<String> named = names(flags);
    List<String> all = new ArrayList<>(List.of("--config=" + rules));
    if (!named.contains("--prometheus-url")) {
      if (prometheus == null) {
        throw new IllegalArgumentException(
            "without a real Prometheus the flags must name --prometheus-url: " + flags);
      }
      all.add("--prometheus-url=" + prometheus);
    }
    if (!named.contains("--kubeconfig")) {
      all.add("--kubeconfig=none");
    }
    all.addAll(flags);
    return all;
  }

  /** {@code base} without the flags whose names {@code overrides} name, then {@code overrides}. */
  static List<String> overridden(List<String> base, List<String> overrides) {
    Set<String> named = names(overrides);
    List<String> all = new ArrayList<>();
    base.stream().filter(flag -> !named.contains(name(flag))).forEach(all::add);
    all.addAll(overrides);
    return all;
  }

  private static Set<String> names(List<String> flags) {
    return flags.stream().map(AdapterFlags::name).collect(Collectors.toSet());
  }

  private static String name(String flag) {
    int equals = flag.indexOf('=');
    return equals < 0 ? flag : flag.substring(0, equals);
  }
}
