package dev.metricsadapter.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * The integration-test stack as a JUnit 5 extension: a real Prometheus backfilled with a data set
 * ({@link DemoData} around the start unless {@link #data} says otherwise) and the adapter jar in
 * front of it with the given rules and flags, each on a free loopback port and ready.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final AdapterUnderTest stack =
 *     AdapterUnderTest.withRules(RULES.resolve("demo.yaml")).flags("--cache-ttl=0s");
 * }</pre>
 *
 * <p>Registered on a static field the stack serves the whole class; on an instance field, each
 * test. It starts before the class's {@code @BeforeAll} (or the test's {@code @BeforeEach})
 * methods, so those can use it, and stops after the matching {@code @AfterAll} ({@code @AfterEach})
 * methods: every adapter it started, then Prometheus, then its directory is deleted. Without
 * Prometheus installed the class (or test) is skipped by an assumption. When a test fails, the tail
 * of each adapter's log is attached to the failure as a suppressed exception.
 *
 * <p>The adapter gets {@code --config} (the rules), {@code --prometheus-url} and {@code
 * --kubeconfig=none} unless the flags name those, then the flags in the order given; see {@link
 * AdapterProcess#start} for the flags every adapter gets. The configuring methods return this
 * extension and may only be called before it starts.
 */
public final class AdapterUnderTest
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        TestExecutionExceptionHandler {

  /** The repository's {@code rules/} directory (tests run in {@code adapter/}). */
  public static final Path RULES = Path.of("..", "rules").toAbsolutePath();

  /** Writes the rules a stack starts with. */
  @FunctionalInterface
  public interface RulesWriter {
    /**
     * Writes rules under {@code dir} (which also holds the stack's own {@code prometheus} and
     * {@code adapter*} directories) and returns what {@code --config} is to name.
     */
    Path write(Path dir) throws IOException;
  }

  /** Flags known only once the stack is starting. */
  @FunctionalInterface
  public interface LateFlags {
    /**
     * The flags, asked for once when Prometheus is ready and the adapter not yet started: the place
     * to start what the flags name (a proxy in front of {@code stack.prometheus()}, a mock API
     * server and its kubeconfig under {@code stack.dir()}).
     */
    List<String> flags(AdapterUnderTest stack) throws Exception;
  }

  private final RulesWriter rulesWriter;
  private final List<LateFlags> flagSources = new ArrayList<>();
  private Function<Instant, String> data = DemoData::openMetrics;
  private boolean realPrometheus = true;

  private String startedBy;
  private Path dir;
  private Path rules;
  private RealPrometheus prometheus;
  private List<String> adapterFlags;
  private final List<AdapterProcess> adapters = new ArrayList<>();

  private AdapterUnderTest(RulesWriter rulesWriter) {
    this.rulesWriter = rulesWriter;
  }

  /** A stack whose adapter reads {@code rules}, a file or a directory. */
  public static AdapterUnderTest withRules(Path rules) {
    return new AdapterUnderTest(dir -> rules);
  }

  /** A stack whose adapter reads {@code yaml}, written to {@code rules.yaml} in its directory. */
  public static AdapterUnderTest withRulesText(String yaml) {
    return new AdapterUnderTest(dir -> Files.writeString(dir.resolve("rules.yaml"), yaml));
  }

  /** A stack whose adapter reads the rules {@code writer} writes when the stack starts. */
  public static AdapterUnderTest withRules(RulesWriter writer) {
    return new AdapterUnderTest(writer);
  }

  /**
   * Backfills Prometheus with {@code openMetrics} of the start time instead of {@link DemoData}.
   */
  public AdapterUnderTest data(Function<Instant, String> openMetrics) {
    configuring();
    this.data = openMetrics;
    return this;
  }

  /**
   * Starts no Prometheus: the test brings its own (a stand-in) and names it with {@code
   * --prometheus-url} in its flags; {@link #prometheus()} then fails.
   */
  public AdapterUnderTest withoutRealPrometheus() {
    configuring();
    this.realPrometheus = false;
    return this;
  }

  /** Adds {@code flags} to the adapter's command line. */
  public AdapterUnderTest flags(String... flags) {
    List<String> fixed = List.of(flags);
    return flags(stack -> fixed);
  }

  /** Adds the flags {@code late} gives when the stack starts. */
  public AdapterUnderTest flags(LateFlags late) {
    configuring();
    flagSources.add(late);
    return this;
  }

  /** The stack's working directory, deleted when it stops. */
  public Path dir() {
    running();
    return dir;
  }

  /** What the adapter's {@code --config} names. */
  public Path rules() {
    running();
    return rules;
  }

  /** The real Prometheus. */
  public RealPrometheus prometheus() {
    running();
    if (prometheus == null) {
      throw new IllegalStateException("this stack runs without a real Prometheus");
    }
    return prometheus;
  }

  /** The adapter started with the stack. */
  public AdapterProcess adapter() {
    running();
    if (adapters.isEmpty()) {
      throw new IllegalStateException("the adapter is not started yet");
    }
    return adapters.get(0);
  }

  /**
   * Starts one more adapter, in a directory of its own, with the first adapter's command line in
   * which each of {@code overrides} replaces the flags of its name; it stops with the stack (a test
   * may close it earlier).
   */
  public AdapterProcess startAdapter(String... overrides) throws IOException {
    running();
    Path own = Files.createDirectories(dir.resolve("adapter-" + (adapters.size() + 1)));
    AdapterProcess adapter =
        AdapterProcess.start(own, AdapterFlags.overridden(adapterFlags, List.of(overrides)));
    adapters.add(adapter);
    return adapter;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    startFor(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    startFor(context);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    stopFor(context);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    stopFor(context);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    if (!(failure instanceof TestAbortedException)) {
      for (AdapterProcess adapter : adapters) {
        failure.addSuppressed(new AdapterLog(adapter));
      }
    }
    throw failure;
  }

  /** Starts the stack in {@code dir}; a failed start closes what it started. */
  private void start(Path dir) throws Exception {
    configuring();
    this.dir = dir;
    if (realPrometheus) {
      assumeTrue(RealPrometheus.installed(), "Prometheus is not installed");
    }
    try {
      rules = rulesWriter.write(dir);
      if (realPrometheus) {
        prometheus =
            RealPrometheus.start(
                Files.createDirectories(dir.resolve("prometheus")), data.apply(Instant.now()));
      }
      List<String> flags = new ArrayList<>();
      for (LateFlags source : flagSources) {
        flags.addAll(source.flags(this));
      }
      adapterFlags =
          AdapterFlags.forStack(rules, prometheus == null ? null : prometheus.url(), flags);
      adapters.add(
          AdapterProcess.start(Files.createDirectories(dir.resolve("adapter")), adapterFlags));
    } catch (Exception | Error e) {
      closeProcesses();
      throw e;
    }
  }

  /** Stops every adapter, then Prometheus; the directory stays. */
  private void closeProcesses() {
    adapters.forEach(AdapterProcess::close);
    if (prometheus != null) {
      prometheus.close();
    }
  }

  /** Starts the stack for {@code context} unless it runs already (for an enclosing context). */
  private void startFor(ExtensionContext context) throws Exception {
    if (startedBy == null) {
      startedBy = context.getUniqueId();
      start(Files.createTempDirectory("adapter-under-test-"));
    }
  }

  /** Stops the stack and deletes its directory if {@code context} started it. */
  private void stopFor(ExtensionContext context) throws IOException {
    if (!context.getUniqueId().equals(startedBy)) {
      return;
    }
    closeProcesses();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } finally {
      // A stopped stack answers like one never started.
      startedBy = null;
      dir = null;
      rules = null;
      prometheus = null;
      adapterFlags = null;
      adapters.clear();
    }
  }

  private void configuring() {
    if (dir != null) {
      throw new IllegalStateException("the stack is started: configure it before");
    }
  }

  private void running() {
    if (dir == null) {
      throw new IllegalStateException(
          "the stack is not running: register it with @RegisterExtension and use it in tests");
    }
  }

  /** The tail of an adapter's log, attached to a test's failure. */
  private static final class AdapterLog extends Exception {
    private static final long serialVersionUID = 1L;

    AdapterLog(AdapterProcess adapter) {
      super(
          "the log of the adapter at " + adapter.url() + ":\n" + adapter.logTail(),
          null,
          false,
          false);
    }
  }
}
