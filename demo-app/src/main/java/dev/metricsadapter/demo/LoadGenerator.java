package dev.metricsadapter.demo;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Open-loop load generator: every few milliseconds it sends as many requests as the profile has
 * planned by then ({@link LoadProfile#plannedCount}), round-robin over the targets, so the count
 * sent follows the plan however the timer jitters. Bounded in time (the run's duration, then at
 * most one request timeout for the answers), in count ({@code maxRequests}) and in concurrency
 * ({@code maxInFlight}); every request has a deadline and redirects are not followed.
 *
 * <p>Progress goes to {@code report} as one {@link LoadProgress#line()} every report interval and a
 * final {@link LoadSummary#line()}. All state is confined to one Vert.x context; {@link #start()}
 * and {@link #stop()} may be called from any thread. One instance runs once.
 */
public final class LoadGenerator {

  private static final long TICK_MILLIS = 10;

  private final Vertx vertx;
  private final LoadOptions options;
  private final Consumer<String> report;
  private final WebClient client;
  private final Promise<LoadSummary> done = Promise.promise();
  private final Context context;

  private long startNanos;
  private long lastAnswerNanos;
  private long finishNanos;
  private long issued;
  private long sent;
  private long ok;
  private long httpErrors;
  private long failed;
  private long dropped;
  private int inFlight;
  private int next;
  private boolean finishing;
  private boolean interrupted;
  private long tickTimer = -1;
  private long reportTimer = -1;

  public LoadGenerator(Vertx vertx, LoadOptions options, Consumer<String> report) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = Objects.requireNonNull(options, "options");
    this.report = Objects.requireNonNull(report, "report");
    int timeoutMillis = (int) Math.max(1, options.timeout().toMillis());
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout(timeoutMillis)
                .setMaxPoolSize(options.maxInFlight())
                .setKeepAlive(true)
                .setUserAgent("metrics-adapter-demo-load"));
    this.context = vertx.getOrCreateContext();
  }

  /** Starts the run; the future completes with the summary once every answer is in. */
  public Future<LoadSummary> start() {
    context.runOnContext(v -> begin());
    return done.future();
  }

  /** Ends the run early: nothing more is sent; the summary follows once answers are in. */
  public void stop() {
    context.runOnContext(
        v -> {
          if (!finishing) {
            interrupted = true;
            finish();
          }
        });
  }

  /** The run's result, once complete. */
  public Future<LoadSummary> result() {
    return done.future();
  }

  private void begin() {
    startNanos = System.nanoTime();
    lastAnswerNanos = startNanos;
    report.accept(
        String.format(
            Locale.ROOT,
            "load start profile=%s peak=%.1f rps duration=%s targets=%s path=%s planned=%d",
            options.profile().flagName(),
            options.peakRps(),
            Durations.format(options.duration()),
            options.targets(),
            options.path(),
            planCap(options.plannedTotal())));
    tickTimer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
    reportTimer = vertx.setPeriodic(options.reportInterval().toMillis(), id -> progress());
    tick();
  }

  private void tick() {
    if (finishing) {
      return;
    }
    double t = elapsedSeconds(System.nanoTime());
    double d = options.durationSeconds();
    if (t >= d) {
      sendUpTo(planCap(options.plannedTotal()));
      progress();
      finish();
    } else {
      // The epsilon keeps exact plans (50.0 requests) from rounding down to 49.
      sendUpTo(
          planCap(
              (long) Math.floor(options.profile().plannedCount(t, d, options.peakRps()) + 1e-9)));
    }
  }

  private long planCap(long planned) {
    return Math.min(planned, options.maxRequests());
  }

  private void sendUpTo(long due) {
    while (issued < due) {
      issued++;
      if (inFlight >= options.maxInFlight()) {
        dropped++;
      } else {
        send();
      }
    }
  }

  private void send() {
    String url = base(options.targets().get(next)) + options.path();
    next = (next + 1) % options.targets().size();
    sent++;
    inFlight++;
    client
        .requestAbs(HttpMethod.GET, url)
        .timeout(Math.max(1, options.timeout().toMillis()))
        .send()
        .onComplete(
            answer -> {
              inFlight--;
              lastAnswerNanos = System.nanoTime();
              if (answer.failed()) {
                failed++;
              } else if (answer.result().statusCode() / 100 == 2) {
                ok++;
              } else {
                httpErrors++;
              }
              completeIfDone();
            });
  }

  private static String base(URI target) {
    String text = target.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private void progress() {
    double t = elapsedSeconds(System.nanoTime());
    double target =
        options
            .profile()
            .rpsAt(
                Math.min(t, options.durationSeconds()),
                options.durationSeconds(),
                options.peakRps());
    report.accept(
        new LoadProgress(t, target, sent, ok, httpErrors + failed, dropped, inFlight).line());
  }

  private void finish() {
    finishing = true;
    finishNanos = System.nanoTime();
    vertx.cancelTimer(tickTimer);
    vertx.cancelTimer(reportTimer);
    completeIfDone();
  }

  private void completeIfDone() {
    if (!finishing || inFlight > 0 || done.future().isComplete()) {
      return;
    }
    LoadSummary summary =
        new LoadSummary(
            elapsedSeconds(Math.max(lastAnswerNanos, finishNanos)),
            issued,
            sent,
            ok,
            httpErrors,
            failed,
            dropped,
            interrupted);
    client.close();
    report.accept(summary.line());
    done.complete(summary);
  }

  private double elapsedSeconds(long nowNanos) {
    return (nowNanos - startNanos) / 1e9;
  }
}
