package dev.metricsadapter.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PrometheusClient} on a Vert.x {@link WebClient}.
 *
 * <p>Every call has a deadline of {@link PrometheusClientOptions#timeout()}: the request's Vert.x
 * timeout fails it when the server stays silent that long, and a timer fails it when the whole
 * exchange takes longer (a server trickling bytes; the WebClient offers no way to abort such an
 * exchange, so its connection drains in the background while later bytes are dropped and the sink
 * is no longer called). Series answers are parsed while they stream in ({@link
 * SeriesStreamParser}); query answers are read whole (at most {@link #MAX_QUERY_BODY} bytes).
 * Series answers may come gzip-compressed (they can be large and are fetched in the background);
 * query answers are asked for uncompressed ({@code Accept-Encoding: identity}, unless a configured
 * header says otherwise): they are small and on the request path, and compressing each one took
 * Prometheus about as much CPU as evaluating it (see {@code bench/README.md}). Failures: no answer
 * in time - {@link PrometheusException#timeout}; connection, DNS or TLS problems - {@link
 * PrometheusException#unreachable}; otherwise as decided by {@link ResponseClassifier}. An
 * exception thrown by a series sink fails the call with that exception.
 *
 * <p>Thread-safe; the caller's context runs the callbacks. Create it at startup (it reads the token
 * file, blocking) and {@link #close()} it at shutdown.
 */
public final class WebClientPrometheusClient implements PrometheusClient, AutoCloseable {

  /** How often the token file is checked for a new token by default. */
  public static final Duration DEFAULT_TOKEN_REFRESH = Duration.ofSeconds(10);

  /**
   * The largest query answer accepted: far above what one request's objects need (a thousand pods'
   * samples take about 200 KiB), so that a runaway query fails cleanly instead of filling the heap.
   */
  static final int MAX_QUERY_BODY = 16 * 1024 * 1024;

  static final String SERIES = "/api/v1/series";
  static final String QUERY = "/api/v1/query";

  private static final Logger LOG = LoggerFactory.getLogger(WebClientPrometheusClient.class);

  private final Vertx vertx;
  private final PrometheusClientOptions options;
  private final WebClient client;
  private final RequestBuilder requests;
  private final Optional<BearerTokenSource> token;

  /** A client re-reading the token file every {@link #DEFAULT_TOKEN_REFRESH}. */
  public WebClientPrometheusClient(Vertx vertx, PrometheusClientOptions options) {
    this(vertx, options, DEFAULT_TOKEN_REFRESH);
  }

  /**
   * A client re-reading the token file every {@code tokenRefreshPeriod}.
   *
   * @throws java.io.UncheckedIOException when the token file cannot be read
   * @throws IllegalArgumentException when the token file is empty or a TLS file is not readable
   */
  public WebClientPrometheusClient(
      Vertx vertx, PrometheusClientOptions options, Duration tokenRefreshPeriod) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = Objects.requireNonNull(options, "options");
    Objects.requireNonNull(tokenRefreshPeriod, "tokenRefreshPeriod");
    checkTlsFiles(options);
    this.requests = new RequestBuilder(options.baseUrl(), options.verb());
    this.token =
        options.tokenFile().map(file -> new BearerTokenSource(vertx, file, tokenRefreshPeriod));
    this.client = WebClient.create(vertx, WebClientOptionsFactory.create(options));
  }

  @Override
  public Future<Void> series(String match, Instant start, Consumer<Map<String, String>> sink) {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(sink, "sink");
    SeriesStreamParser parser = new SeriesStreamParser(sink);
    PreparedRequest request =
        requests.build(
            SERIES,
            List.of(Map.entry("match[]", match), Map.entry("start", PrometheusTime.format(start))));
    return exchange(request, parser, true).compose(exchange -> seriesOutcome(exchange, parser));
  }

  @Override
  public Future<QueryResult> query(String promql, Instant time) {
    Objects.requireNonNull(promql, "promql");
    Objects.requireNonNull(time, "time");
    BodyCollector collector = new BodyCollector(MAX_QUERY_BODY);
    PreparedRequest request =
        requests.build(
            QUERY,
            List.of(
                Map.entry("query", promql),
                Map.entry("time", PrometheusTime.format(time)),
                Map.entry("timeout", PrometheusTime.timeoutParameter(timeoutMillis()))));
    return exchange(request, collector, false)
        .compose(exchange -> queryOutcome(exchange, collector));
  }

  private static Future<Void> seriesOutcome(Exchange exchange, SeriesStreamParser parser) {
    if (exchange.body().failure() instanceof RuntimeException sinkFault) {
      return Future.failedFuture(sinkFault);
    }
    PrometheusException failure = exchange.classify(parser.envelope(), exchange.problem());
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    LOG.debug("Prometheus {} delivered {} series", SERIES, parser.delivered());
    return Future.succeededFuture();
  }

  private static Future<QueryResult> queryOutcome(Exchange exchange, BodyCollector collector) {
    String problem = exchange.problem();
    QueryResultParser.Answer answer = null;
    if (problem == null) {
      try {
        answer = QueryResultParser.parse(collector.bytes());
      } catch (IOException e) {
        problem = describe(e);
      }
    }
    ResponseEnvelope envelope =
        answer == null ? new ResponseEnvelope(null, null, null, false) : answer.envelope();
    PrometheusException failure = exchange.classify(envelope, problem);
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    // A successful envelope has data, and the parser returns a result for any data.
    return Future.succeededFuture(answer.result());
  }

  /**
   * Sends {@code request}, piping the body into {@code consumer}; completes once the whole body
   * arrived (whatever the status), fails on transport problems and the deadline. {@code
   * compressible}: whether the answer may come compressed.
   */
  private Future<Exchange> exchange(
      PreparedRequest request, BodyConsumer consumer, boolean compressible) {
    long timeout = timeoutMillis();
    long started = System.nanoTime();
    ResponseBodyStream body = new ResponseBodyStream(consumer);
    Promise<Exchange> promise = Promise.promise();
    long timer =
        vertx.setTimer(
            timeout,
            id -> {
              body.cancel();
              promise.tryFail(PrometheusException.timeout(request.endpoint(), timeout));
            });
    HttpRequest<Void> http =
        client
            .requestAbs(request.method(), request.url())
            .timeout(timeout)
            .as(BodyCodec.pipe(body, false));
    options.headers().forEach(header -> http.headers().add(header.getKey(), header.getValue()));
    if (!compressible && !http.headers().contains(HttpHeaders.ACCEPT_ENCODING)) {
      http.putHeader(HttpHeaders.ACCEPT_ENCODING.toString(), HttpHeaders.IDENTITY.toString());
    }
    token.ifPresent(
        t -> http.putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + t.current()));
    Future<HttpResponse<Void>> sent =
        request.form().isPresent()
            ? http.putHeader(
                    HttpHeaders.CONTENT_TYPE.toString(), "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer(request.form().get()))
            : http.send();
    sent.onComplete(
        result -> {
          vertx.cancelTimer(timer);
          long millis = (System.nanoTime() - started) / 1_000_000;
          if (result.succeeded()) {
            int status = result.result().statusCode();
            LOG.debug(
                "Prometheus {} {} -> HTTP {} in {}ms",
                request.method(),
                request.url(),
                status,
                millis);
            body.finish();
            promise.tryComplete(new Exchange(request.endpoint(), status, body));
          } else {
            Throwable cause = result.cause();
            LOG.debug(
                "Prometheus {} {} failed after {}ms: {}",
                request.method(),
                request.url(),
                millis,
                cause.toString());
            // Vert.x reports its request timeout as a TimeoutException or a closed connection.
            boolean late = cause instanceof TimeoutException || millis >= timeout;
            promise.tryFail(
                late
                    ? PrometheusException.timeout(request.endpoint(), timeout)
                    : PrometheusException.unreachable(request.endpoint(), cause));
          }
        });
    return promise.future();
  }

  /** A completed HTTP exchange; its body went through {@code body}. */
  private record Exchange(String endpoint, int status, ResponseBodyStream body) {

    /** Why the body is not a valid answer, as far as the body stream knows, or null. */
    String problem() {
      Throwable failure = body.failure();
      return failure == null ? null : describe(failure);
    }

    PrometheusException classify(ResponseEnvelope envelope, String problem) {
      return ResponseClassifier.failure(endpoint, status, envelope, problem, body.prefix());
    }
  }

  private static String describe(Throwable problem) {
    if (problem instanceof JsonProcessingException json) {
      return "invalid JSON: " + json.getOriginalMessage();
    }
    return problem.getMessage();
  }

  private long timeoutMillis() {
    return options.timeout().toMillis();
  }

  private static void checkTlsFiles(PrometheusClientOptions options) {
    if (!options.isHttps()) {
      if (options.caFile().isPresent() || options.clientCertFile().isPresent()) {
        LOG.warn(
            "The Prometheus URL is not https: the CA and client certificate files are ignored");
      }
      return;
    }
    for (Optional<Path> file :
        List.of(options.caFile(), options.clientCertFile(), options.clientKeyFile())) {
      file.filter(f -> !Files.isReadable(f))
          .ifPresent(
              f -> {
                throw new IllegalArgumentException("cannot read the TLS file " + f);
              });
    }
  }

  /** Stops re-reading the token file and closes the connections. */
  @Override
  public void close() {
    token.ifPresent(BearerTokenSource::close);
    client.close();
  }
}
