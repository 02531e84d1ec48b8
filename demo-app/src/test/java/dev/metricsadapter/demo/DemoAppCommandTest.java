package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoAppCommandTest {

  private static final String PATH =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second";

  /** What ../demo.sh passes to watch. */
  private static final String[] DEMO_WATCH = {
    "watch",
    "--adapter-url=https://127.0.0.1:6443",
    "--path=" + PATH,
    "--pods=demo-app-1,demo-app-2,demo-app-3",
    "--target=10",
    "--replicas=3",
    "--min-replicas=1",
    "--max-replicas=10",
    "--tolerance=0.1",
    "--tick=5s",
    "--load-log=/tmp/load.log",
    "--until-pid=4242",
  };

  /** The options of every action the command line ran; none runs for real. */
  private final List<Object> launched = new ArrayList<>();

  private final DemoApp.Launcher recorder =
      new DemoApp.Launcher(this::record, this::record, this::record, this::record);
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int record(Object options, PrintWriter toOut, PrintWriter toErr) {
    launched.add(options);
    return 0;
  }

  /** The options of the one action that ran, which must be those of {@code type}. */
  private <T> T launched(Class<T> type) {
    assertEquals(1, launched.size(), launched.toString());
    return assertInstanceOf(type, launched.get(0));
  }

  private int run(Map<String, String> env, String... args) {
    return DemoApp.commandLine(
            env, recorder, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  /** await-values of the adapter and path ../demo.sh reads, with {@code flags}. */
  private int awaitValues(String... flags) {
    List<String> args =
        new ArrayList<>(
            List.of("await-values", "--adapter-url=https://127.0.0.1:6443", "--path=" + PATH));
    args.addAll(List.of(flags));
    return run(Map.of(), args.toArray(String[]::new));
  }

  @Test
  void servesWithDefaultsWithoutFlagsOrEnvironment() {
    assertEquals(0, run(Map.of()));
    assertEquals(ServerConfig.DEFAULTS, launched(ServerConfig.class));
  }

  @Test
  void environmentVariablesAreFallbacks() {
    assertEquals(
        0,
        run(
            Map.of(
                "PORT", "9001",
                "LATENCY", "25ms",
                "LATENCY_JITTER", "1s",
                "ERROR_RATIO", "0.2",
                "BIND_ADDRESS", "127.0.0.1",
                "SHUTDOWN_GRACE", "3s",
                "CONTAINER_METRICS", "demo-app")));
    assertEquals(
        new ServerConfig(
            "127.0.0.1",
            9001,
            Duration.ofMillis(25),
            Duration.ofSeconds(1),
            0.2,
            Duration.ofSeconds(3),
            Optional.of("demo-app")),
        launched(ServerConfig.class));
  }

  @Test
  void flagsWinOverTheEnvironment() {
    assertEquals(
        0,
        run(
            Map.of("PORT", "9001", "LATENCY", "25ms", "ERROR_RATIO", "0.2"),
            "--port=9002",
            "--latency",
            "1s500ms",
            "--error-ratio=1"));
    ServerConfig served = launched(ServerConfig.class);
    assertEquals(9002, served.port());
    assertEquals(Duration.ofMillis(1500), served.latency());
    assertEquals(1.0, served.errorRatio());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--error-ratio=1.5     | --error-ratio must be in 0..1",
        "--error-ratio=-0.1    | --error-ratio must be in 0..1",
        "--port=70000          | --port must be in 0..65535",
        "--port=abc            | --port",
        "--latency=5           | '5' is not a duration",
        "--latency=-1s         | is not a duration",
        "--unknown             | Unknown option: '--unknown'",
      })
  void badFlagsExitTwoWithOneLineNamingThem(String flag, String message) {
    assertEquals(2, run(Map.of(), flag));
    assertTrue(err.toString().contains(message), err.toString());
    assertTrue(err.toString().startsWith("demo-app: "), err.toString());
    assertEquals(List.of(), launched);
  }

  @Test
  void badEnvironmentValuesAreReportedLikeFlags() {
    assertEquals(2, run(Map.of("ERROR_RATIO", "lots")));
    assertTrue(err.toString().contains("lots"), err.toString());
    assertEquals(2, run(Map.of("LATENCY", "100")));
    assertTrue(err.toString().contains("'100' is not a duration"), err.toString());
  }

  @Test
  void helpListsFlagsAndExitsZero() {
    assertEquals(0, run(Map.of(), "--help"));
    assertTrue(out.toString().contains("--error-ratio"), out.toString());
    assertTrue(out.toString().contains("ERROR_RATIO"), out.toString());
    assertEquals(List.of(), launched);
    assertEquals(0, run(Map.of(), "load", "--help"));
    assertTrue(out.toString().contains("--peak-rps"), out.toString());
  }

  @Test
  void loadParsesTheDocumentedExample() {
    assertEquals(
        0,
        run(
            Map.of("PORT", "9001"),
            "load",
            "--target=http://127.0.0.1:8081,http://127.0.0.1:8082",
            "--profile=ramp",
            "--peak-rps=60",
            "--duration=90s"));
    LoadOptions options = launched(LoadOptions.class);
    assertEquals(
        List.of(URI.create("http://127.0.0.1:8081"), URI.create("http://127.0.0.1:8082")),
        options.targets());
    assertEquals(LoadProfile.RAMP, options.profile());
    assertEquals(60.0, options.peakRps());
    assertEquals(Duration.ofSeconds(90), options.duration());
    assertEquals(3600, options.plannedTotal());
  }

  @Test
  void loadDefaultsAreBoundedAndLoopback() {
    assertEquals(0, run(Map.of("DURATION", "5h", "TARGET", "http://example.com"), "load"));
    LoadOptions options = launched(LoadOptions.class);
    assertEquals(List.of(URI.create("http://127.0.0.1:8080")), options.targets());
    assertEquals("/", options.path());
    assertEquals(LoadProfile.STEADY, options.profile());
    assertEquals(Duration.ofSeconds(60), options.duration());
    assertEquals(Duration.ofSeconds(2), options.timeout());
    assertEquals(1_000_000, options.maxRequests());
    assertEquals(200, options.maxInFlight());
  }

  @Test
  void loadTargetsMayBeRepeated() {
    assertEquals(
        0,
        run(
            Map.of(),
            "load",
            "--target",
            "http://127.0.0.1:1",
            "--target",
            "http://localhost:2/",
            "--profile",
            "ramp-down"));
    LoadOptions options = launched(LoadOptions.class);
    assertEquals(2, options.targets().size());
    assertEquals(LoadProfile.RAMP_DOWN, options.profile());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--target=127.0.0.1:8080              | is not a base URL",
        "--target=ftp://127.0.0.1/            | is not a base URL",
        "--target=http://127.0.0.1:1/x        | is not a base URL",
        "--profile=zigzag                     | expected one of steady, ramp-up, ramp-down, ramp",
        "--peak-rps=0                         | --peak-rps must be in (0, 10000]",
        "--duration=0                         | --duration must be in (0, 24h]",
        "--timeout=5m                         | --timeout must be in (0, 1m]",
        "--max-in-flight=0                    | --max-in-flight must be in 1..10000",
        "--path=api                           | --path must start with /",
      })
  void badLoadFlagsExitTwo(String flag, String message) {
    assertEquals(2, run(Map.of(), "load", flag));
    assertTrue(err.toString().contains(message), err.toString());
    assertTrue(err.toString().startsWith("load: "), err.toString());
    assertEquals(List.of(), launched);
  }

  @Test
  void watchParsesWhatTheDemoPasses() {
    assertEquals(0, run(Map.of(), DEMO_WATCH));
    WatchOptions options = launched(WatchOptions.class);
    assertEquals(URI.create("https://127.0.0.1:6443" + PATH), options.source().requestUri());
    assertEquals(List.of("demo-app-1", "demo-app-2", "demo-app-3"), options.table().pods());
    assertEquals(3, options.table().currentReplicas());
    HpaRule rule = options.table().rule();
    assertEquals("10", rule.target().toString());
    assertEquals(0.1, rule.tolerance());
    assertEquals(1, rule.minReplicas());
    assertEquals(10, rule.maxReplicas());
    assertEquals(Duration.ofSeconds(5), options.tick());
    assertEquals(Duration.ofSeconds(5), options.source().timeout());
    assertEquals(Path.of("/tmp/load.log"), options.loadLog());
    assertEquals(OptionalLong.of(4242), options.untilPid());
  }

  @Test
  void watchDefaultsAndOptionalPid() {
    assertEquals(
        0,
        run(
            Map.of(),
            "watch",
            "--adapter-url=https://localhost:1/",
            "--path=" + PATH,
            "--pods=p",
            "--target=500m",
            "--replicas=1",
            "--max-replicas=3",
            "--load-log=load.log"));
    WatchOptions options = launched(WatchOptions.class);
    assertEquals(1, options.table().rule().minReplicas());
    assertEquals(0.1, options.table().rule().tolerance());
    assertEquals(OptionalLong.empty(), options.untilPid());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--adapter-url=http://127.0.0.1:6443     | is not an https base URL on loopback",
        "--adapter-url=https://10.0.0.1:6443     | is not an https base URL on loopback",
        "--adapter-url=https://127.0.0.1:6443/x  | is not an https base URL on loopback",
        "--path=/api/v1/pods                     | --path must start with /apis/",
        "--pods=a,,b                             | --pods: name at least one pod",
        "--pods=a,a                              | --pods: a pod is named twice",
        "--target=abc                            | 'abc' is not a Kubernetes quantity",
        "--target=0                              | --target must be positive",
        "--replicas=0                            | --replicas must be at least 1",
        "--max-replicas=0                        | --max-replicas must be at least --min-replicas",
        "--tolerance=-1                          | --tolerance must be 0 or more",
        "--tick=10ms                             | --tick must be at least 100ms",
        "--timeout=2m                            | --timeout must be in (0, 1m]",
        "--until-pid=0                           | --until-pid must be positive",
      })
  void badWatchFlagsExitTwo(String flag, String message) {
    List<String> args = new ArrayList<>(List.of(DEMO_WATCH));
    String name = flag.substring(0, flag.indexOf('=') + 1);
    args.removeIf(arg -> arg.startsWith(name));
    args.add(flag);
    assertEquals(2, run(Map.of(), args.toArray(String[]::new)));
    assertTrue(err.toString().contains(message), err.toString());
    assertTrue(err.toString().startsWith("watch: "), err.toString());
    assertEquals(List.of(), launched);
  }

  @Test
  void watchNeedsTheAdapterThePodsTheHpaAndTheLoadLog() {
    assertEquals(2, run(Map.of(), "watch"));
    for (String flag :
        List.of(
            "--adapter-url",
            "--path",
            "--pods",
            "--target",
            "--replicas",
            "--max-replicas",
            "--load-log")) {
      assertTrue(err.toString().contains(flag), err.toString());
    }
  }

  @Test
  void awaitValuesParsesItsFlags() {
    assertEquals(0, awaitValues("--pods=demo-app-1,demo-app-2", "--within=120s"));
    AwaitOptions options = launched(AwaitOptions.class);
    assertEquals(List.of("demo-app-1", "demo-app-2"), options.source().pods());
    assertEquals(Duration.ofSeconds(120), options.within());
  }

  @Test
  void awaitValuesRejectsANonPositiveWait() {
    assertEquals(2, awaitValues("--pods=p", "--within=0"));
    assertTrue(
        err.toString().startsWith("await-values: --within must be positive"), err.toString());
    assertEquals(List.of(), launched);
  }

  @Test
  void helpOfTheAdapterCommands() {
    assertEquals(0, run(Map.of(), "watch", "--help"));
    assertTrue(out.toString().contains("--until-pid"), out.toString());
    assertEquals(0, run(Map.of(), "await-values", "--help"));
    assertTrue(out.toString().contains("--within"), out.toString());
    assertEquals(0, run(Map.of(), "--help"));
    assertTrue(out.toString().contains("demo-app watch --help"), out.toString());
  }
}
