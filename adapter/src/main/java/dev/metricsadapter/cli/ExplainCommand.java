package dev.metricsadapter.cli;

import dev.metricsadapter.prometheus.PrometheusClientOptions;
import dev.metricsadapter.provider.DiscoveryOptions;
import dev.metricsadapter.rules.RuleConfigException;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code explain --config=PATH --prometheus-url=URL REQUEST-PATH}: loads the rules, runs one
 * discovery against Prometheus and explains the request as the running adapter's {@code
 * /debug/explain} would, in standalone mode (objects come from the series' labels). Prints the
 * explanation as text or, with {@code --output=json}, the endpoint's JSON document.
 *
 * <p>Exit codes: 0 the explained request is answered with 200, 1 it fails (or the rules are
 * invalid), 2 usage errors (including a path that is not a metric request), 3 Prometheus could not
 * be queried.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    showDefaultValues = true,
    description = {
      "Explain how the adapter answers a metric request: parsed path, rule and series, objects,"
          + " PromQL, Prometheus' result, response; for an unknown metric, the closest names.",
      "Exit 0 answered, 1 the request fails or the rules are invalid, 2 usage error,"
          + " 3 Prometheus could not be queried."
    })
public final class ExplainCommand implements Callable<Integer> {

  /**
   * What the command asks of the adapter.
   *
   * @param config the rule file or directory
   * @param prometheus the Prometheus to discover from and query
   * @param discovery how series are discovered (max age, deadline)
   * @param path the request path, optionally with a query string
   * @param params selectors given as flags
   */
  public record Request(
      Path config,
      PrometheusClientOptions prometheus,
      DiscoveryOptions discovery,
      String path,
      Map<String, String> params) {
    public Request {
      params = Map.copyOf(params);
    }
  }

  /** Prometheus could not be queried; the message names the URL and the error. */
  public static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message) {
      super(message);
    }
  }

  /** Produces the explanation document of {@code /debug/explain}. */
  @FunctionalInterface
  public interface Runner {
    /**
     * @throws RuleConfigException if the rules are invalid
     * @throws IllegalArgumentException if the path is not a metric request
     * @throws Unavailable if Prometheus could not be queried
     */
    JsonObject explain(Request request) throws Unavailable;
  }

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "REQUEST-PATH",
      description =
          "The API path, e.g. /apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/"
              + "http_requests_per_second (a ?labelSelector=... query may follow).")
  private String path;

  @Mixin private RulesFlag rules;

  @Option(
      names = "--label-selector",
      paramLabel = "SELECTOR",
      description = "The request's labelSelector.")
  private String labelSelector;

  @Option(
      names = "--metric-label-selector",
      paramLabel = "SELECTOR",
      description = "The request's metricLabelSelector.")
  private String metricLabelSelector;

  @Mixin private OutputFlag output;

  @Mixin private PrometheusFlags prometheus;
  @Mixin private DiscoveryFlags discovery;

  private final Runner runner;

  /**
   * @param runner builds the adapter's parts and explains one request
   */
  public ExplainCommand(Runner runner) {
    this.runner = runner;
  }

  @Override
  public Integer call() {
    FlagProblems problems = new FlagProblems();
    Path config = problems.check(rules::config);
    PrometheusClientOptions prometheusOptions = problems.check(prometheus::options);
    DiscoveryOptions discoveryOptions = problems.check(discovery::oneShot);
    problems.throwIfAny(spec);
    Map<String, String> params = new LinkedHashMap<>();
    if (labelSelector != null) {
      params.put("labelSelector", labelSelector);
    }
    if (metricLabelSelector != null) {
      params.put("metricLabelSelector", metricLabelSelector);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    JsonObject explanation;
    try {
      explanation =
          runner.explain(new Request(config, prometheusOptions, discoveryOptions, path, params));
    } catch (RuleConfigException e) {
      e.problems().forEach(err::println);
      err.printf("%s: invalid (errors: %d)%n", config, e.problems().size());
      err.flush();
      return 1;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (Unavailable e) {
      err.println("metrics-adapter explain: " + e.getMessage());
      err.flush();
      return 3;
    }
    if (output.json()) {
      out.println(explanation.encodePrettily());
    } else {
      ExplainTextOutput.write(explanation, out);
    }
    out.flush();
    return explanation.getJsonObject("response").getInteger("code") == 200 ? 0 : 1;
  }
}
