package dev.metricsadapter.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PrometheusClientOptionsTest {

  private static final PrometheusClientOptions BASE =
      PrometheusClientOptions.of(URI.create("https://mimir.example/prometheus?tenant=a"));

  @Test
  void defaults() {
    assertEquals(PrometheusClientOptions.Verb.GET, BASE.verb());
    assertEquals(Duration.ofSeconds(10), BASE.timeout());
    assertEquals(List.of(), BASE.headers());
    assertTrue(BASE.isHttps());
    assertFalse(PrometheusClientOptions.of(URI.create("HTTP://prom:9090")).isHttps());
  }

  @Test
  void headersAreCopiedInOrderWithRepeats() {
    PrometheusClientOptions options =
        BASE.withHeaders(
            List.of(
                Map.entry("X-Scope-OrgID", "t1"), Map.entry("X-A", "1"), Map.entry("X-A", "2")));

    assertEquals(
        List.of(Map.entry("X-Scope-OrgID", "t1"), Map.entry("X-A", "1"), Map.entry("X-A", "2")),
        options.headers());
  }

  static Stream<Named<Supplier<PrometheusClientOptions>>> invalid() {
    return Stream.of(
        Named.of("ftp scheme", () -> PrometheusClientOptions.of(URI.create("ftp://prom/"))),
        Named.of("relative", () -> PrometheusClientOptions.of(URI.create("/prometheus"))),
        Named.of("no host", () -> PrometheusClientOptions.of(URI.create("http:///x"))),
        Named.of("user info", () -> PrometheusClientOptions.of(URI.create("http://u:p@prom/"))),
        Named.of("fragment", () -> PrometheusClientOptions.of(URI.create("http://prom/#x"))),
        Named.of("zero timeout", () -> BASE.withTimeout(Duration.ZERO)),
        Named.of("sub-millisecond timeout", () -> BASE.withTimeout(Duration.ofNanos(10))),
        Named.of("negative timeout", () -> BASE.withTimeout(Duration.ofSeconds(-1))),
        Named.of(
            "header with a line break",
            () -> BASE.withHeaders(List.of(Map.entry("X-A", "a\r\nX-B: b")))),
        Named.of(
            "header name with a space", () -> BASE.withHeaders(List.of(Map.entry("X A", "a")))),
        Named.of(
            "token file and Authorization header",
            () ->
                BASE.withHeaders(List.of(Map.entry("authorization", "Basic x")))
                    .withTokenFile(Path.of("/var/run/token"))),
        Named.of(
            "client certificate without key",
            () ->
                new PrometheusClientOptions(
                    BASE.baseUrl(),
                    List.of(),
                    PrometheusClientOptions.Verb.GET,
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.of(Path.of("cert.pem")),
                    java.util.Optional.empty(),
                    Duration.ofSeconds(1),
                    1)),
        Named.of("no connection", () -> BASE.withMaxConnections(0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejects(Supplier<PrometheusClientOptions> options) {
    assertThrows(IllegalArgumentException.class, options::get);
  }

  @Test
  void acceptsFullTlsSetup() {
    PrometheusClientOptions options =
        BASE.withCaFile(Path.of("ca.pem"))
            .withClientCertificate(Path.of("c.pem"), Path.of("k.pem"))
            .withTokenFile(Path.of("token"))
            .withVerb(PrometheusClientOptions.Verb.POST);

    assertEquals(Path.of("k.pem"), options.clientKeyFile().orElseThrow());
    assertEquals(PrometheusClientOptions.Verb.POST, options.verb());
  }
}
