package dev.metricsadapter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.testing.AdapterProcess;
import dev.metricsadapter.testing.AdapterUnderTest;
import dev.metricsadapter.testing.BadRules;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --log-format=json}: every line of a real run (start, requests that succeed and fail, a
 * rule Prometheus refuses, shutdown) is one JSON object with the formatted message, an RFC 3339 UTC
 * timestamp with milliseconds, level, logger and thread; request lines carry method, path and code
 * as keys.
 */
class JsonLogsIT {

  private static final Pattern RFC3339_MILLIS =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  private static final String PODS = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/";

  @RegisterExtension
  final AdapterUnderTest stack =
      AdapterUnderTest.withRules(dir -> BadRules.write(dir, "rules"))
          .flags("--log-format=json", "--log-level=debug");

  @Test
  void everyLineIsOneJsonObjectWithTheFormattedMessage() throws Exception {
    AdapterProcess adapter = stack.adapter();
    assertEquals(200, adapter.get(PODS + "web-1/http_requests_per_second").statusCode());
    assertEquals(404, adapter.get(PODS + "web-1/no_such_metric").statusCode());
    assertEquals(500, adapter.get(PODS + "web-1/" + BadRules.UNBALANCED_PARENS).statusCode());
    adapter.close();
    String log = adapter.log();
    List<JsonObject> lines = new ArrayList<>();
    for (String line : log.lines().toList()) {
      try {
        lines.add(new JsonObject(line));
      } catch (DecodeException e) {
        throw new AssertionError("not a JSON object: " + line, e);
      }
    }
    assertTrue(lines.size() > 5, log);
    for (JsonObject line : lines) {
      assertTrue(RFC3339_MILLIS.matcher(line.getString("time", "")).matches(), line.encode());
      assertTrue(
          List.of("ERROR", "WARN", "INFO", "DEBUG").contains(line.getString("level")),
          line.encode());
      assertFalse(line.getString("logger", "").isEmpty(), line.encode());
      assertFalse(line.getString("thread", "").isEmpty(), line.encode());
      assertFalse(line.getString("message", "").contains("{}"), line.encode());
      assertFalse(line.containsKey("arguments"), line.encode());
      assertFalse(line.containsKey("@version"), line.encode());
    }
    // --log-level=debug is about the adapter: no library internals, no Vert.x Web failure noise.
    for (JsonObject line : lines) {
      assertTrue(
          line.getString("logger").startsWith("dev.metricsadapter")
              || List.of("WARN", "ERROR").contains(line.getString("level")),
          line.encode());
      assertFalse(line.getString("message").contains("RoutingContext failure"), line.encode());
    }
    JsonObject refused = find(lines, "code", 500);
    assertEquals("WARN", refused.getString("level"), refused.encode());
    assertEquals("GET", refused.getString("method"));
    assertEquals(PODS + "web-1/" + BadRules.UNBALANCED_PARENS, refused.getString("path"));
    assertTrue(refused.getString("message").contains("(PromQL: sum(rate("), refused.encode());
    JsonObject served = find(lines, "code", 200);
    assertTrue(served.getDouble("duration_seconds") >= 0, served.encode());
    assertTrue(
        lines.stream().anyMatch(l -> l.getString("message").startsWith("serving https://")), log);
    assertTrue(
        lines.stream().anyMatch(l -> l.containsKey("series_query")), "discovery failure: " + log);
  }

  private static JsonObject find(List<JsonObject> lines, String key, Object value) {
    return lines.stream()
        .filter(line -> value.equals(line.getValue(key)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line with " + key + "=" + value + ": " + lines));
  }
}
