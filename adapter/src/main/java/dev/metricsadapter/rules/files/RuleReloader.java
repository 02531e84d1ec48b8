package dev.metricsadapter.rules.files;

import dev.metricsadapter.resources.ResourceMapper;
import dev.metricsadapter.rules.CompiledResourceRules;
import dev.metricsadapter.rules.CompiledRules;
import dev.metricsadapter.rules.ConfigProblem;
import dev.metricsadapter.rules.RuleConfigException;
import dev.metricsadapter.rules.RuleDocument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current rules, reloaded when the files under {@code --config} change (checked every period by
 * content, so a Kubernetes ConfigMap's symlink swap counts) or on request (SIGHUP). A valid change
 * is swapped in atomically: requests in flight keep the rules they started with. An invalid change
 * keeps the last good rules, logs every error, and is reported through {@link #status()}.
 *
 * <p>{@code resourceRules} are reloaded like the other rules, but whether {@code metrics.k8s.io} is
 * served at all is decided at startup: a reload that adds or removes the section is applied
 * otherwise, keeps the last {@code resourceRules} in effect ({@link #resourceRules()}), and reports
 * in {@link Status#restartNeeded()} that only a restart starts or stops serving the group.
 * Thread-safe; the files are read on a worker thread.
 */
public final class RuleReloader implements Supplier<CompiledRules> {

  private static final Logger LOG = LoggerFactory.getLogger(RuleReloader.class);

  /**
   * The outcome of the last load.
   *
   * @param successful whether the last attempt succeeded
   * @param lastSuccess when the rules were last loaded successfully
   * @param errors the last failed attempt's errors (empty after a success)
   * @param restartNeeded why the current rules need a restart to take full effect, if they do
   */
  public record Status(
      boolean successful,
      Instant lastSuccess,
      List<ConfigProblem> errors,
      Optional<String> restartNeeded) {
    public Status {
      errors = List.copyOf(errors);
    }
  }

  private final Vertx vertx;
  private final Path config;
  private final ResourceMapper mapper;
  private final Clock clock;
  private volatile Consumer<CompiledRules> onChange = rules -> {};
  private final Consumer<Status> onAttempt;
  private final AtomicReference<CompiledRules> current;
  private final AtomicReference<Status> status;
  private final boolean servesResourceMetrics;
  private final AtomicReference<Optional<CompiledResourceRules>> resourceRules;
  private volatile String fingerprint;
  private long timer = -1;

  /**
   * @param initial the rules loaded at startup
   * @param onAttempt called after every reload attempt (e.g. for metrics)
   */
  public RuleReloader(
      Vertx vertx,
      Path config,
      ResourceMapper mapper,
      Clock clock,
      CompiledRules initial,
      Consumer<Status> onAttempt) {
    this.vertx = vertx;
    this.config = config;
    this.mapper = mapper;
    this.clock = clock;
    this.onAttempt = onAttempt;
    this.current = new AtomicReference<>(initial);
    this.status =
        new AtomicReference<>(new Status(true, clock.instant(), List.of(), Optional.empty()));
    this.servesResourceMetrics = initial.resourceRules().isPresent();
    this.resourceRules = new AtomicReference<>(initial.resourceRules());
    this.fingerprint = fingerprint(config);
  }

  @Override
  public CompiledRules get() {
    return current.get();
  }

  /**
   * The {@code resourceRules} in effect: the current rules' if they have them, else the last ones
   * loaded (a removal takes effect at the next restart).
   *
   * @throws IllegalStateException if no rules loaded so far had {@code resourceRules}
   */
  public CompiledResourceRules resourceRules() {
    return resourceRules
        .get()
        .orElseThrow(() -> new IllegalStateException("no resourceRules were ever loaded"));
  }

  /** The outcome of the last load. */
  public Status status() {
    return status.get();
  }

  /**
   * Checks for changes every {@code period} until {@link #stop()}.
   *
   * @param onChange called with the new rules after each successful reload (e.g. to rediscover),
   *     from now on
   */
  public void start(Duration period, Consumer<CompiledRules> onChange) {
    this.onChange = onChange;
    timer = vertx.setPeriodic(period.toMillis(), id -> checkForChanges());
  }

  /** Stops watching. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Reloads now, whether or not the files changed; completes after the attempt. */
  public Future<Status> reload() {
    return vertx.executeBlocking(
        () -> {
          fingerprint = fingerprint(config);
          return load();
        },
        false);
  }

  private void checkForChanges() {
    vertx
        .executeBlocking(
            () -> {
              String now = fingerprint(config);
              if (now.equals(fingerprint)) {
                return null;
              }
              fingerprint = now;
              return load();
            },
            false)
        .onFailure(failure -> LOG.error("cannot check the rule files: {}", failure.getMessage()));
  }

  private Status load() {
    Status outcome;
    try {
      CompiledRules rules = RuleFiles.load(config, mapper);
      rules.loadWarnings().forEach(warning -> LOG.warn("{}", warning));
      current.set(rules);
      rules.resourceRules().ifPresent(present -> resourceRules.set(Optional.of(present)));
      Optional<String> restart = restartNeeded(rules);
      restart.ifPresent(reason -> LOG.warn("{}", reason));
      outcome = new Status(true, clock.instant(), List.of(), restart);
      LOG.info(
          "rules reloaded from {}: {} rules, {} externalRules, resourceRules {}",
          config,
          rules.rules().size(),
          rules.externalRules().size(),
          rules.resourceRules().isPresent() ? "present" : "absent");
      onChange.accept(rules);
    } catch (RuleConfigException e) {
      e.problems().forEach(problem -> LOG.error("rules not reloaded: {}", problem));
      LOG.error("keeping the last good rules ({} errors in {})", e.problems().size(), config);
      Status previous = status.get();
      outcome = new Status(false, previous.lastSuccess(), e.problems(), previous.restartNeeded());
    }
    status.set(outcome);
    onAttempt.accept(outcome);
    return outcome;
  }

  private Optional<String> restartNeeded(CompiledRules rules) {
    boolean present = rules.resourceRules().isPresent();
    if (present == servesResourceMetrics) {
      return Optional.empty();
    }
    return Optional.of(
        present
            ? "resourceRules were added: metrics.k8s.io is served after a restart"
            : "resourceRules were removed: metrics.k8s.io is served with the last resourceRules"
                + " until a restart");
  }

  /** A digest of every rule document's name and content, or of the reason they cannot be read. */
  static String fingerprint(Path config) {
    StringBuilder all = new StringBuilder();
    try {
      for (RuleDocument document : RuleFiles.read(config)) {
        all.append(document.name()).append('\0').append(document.content()).append('\0');
      }
    } catch (RuleConfigException e) {
      all.append("unreadable: ").append(e.getMessage());
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(all.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
