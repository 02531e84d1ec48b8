package dev.metricsadapter.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Locale;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Configures logging from the flags: one line per event on stderr, as text or JSON (see {@link
 * #jsonEncoder()}), at the given level for the adapter; libraries stay at WARN ({@link
 * #librariesLevel}). {@code java.util.logging} (and so the JDK's {@code System.Logger}) is routed
 * into the same output. Caffeine logs every failed asynchronous cache load; the adapter reports
 * those failures itself (Status answers, self-metrics, its own log lines), so Caffeine logs at
 * ERROR only.
 */
public final class Logging {

  private static final String ADAPTER_LOGGERS = "dev.metricsadapter";

  private Logging() {}

  /**
   * Libraries (Netty, Vert.x, fabric8, resilience4j, ...) log at WARN, or ERROR when the adapter
   * does; their debug output (handshakes, buffer pools, breaker transitions) only at {@code trace},
   * so that {@code --log-level=debug} is about the adapter.
   */
  static Level librariesLevel(Level adapterLevel) {
    if (adapterLevel.levelInt <= Level.TRACE_INT) {
      return Level.DEBUG;
    }
    return adapterLevel.isGreaterOrEqual(Level.WARN) ? adapterLevel : Level.WARN;
  }

  /**
   * @param format {@code text} or {@code json}
   * @param level {@code error}, {@code warn}, {@code info}, {@code debug} or {@code trace}
   * @throws IllegalArgumentException for another format or level
   */
  public static void configure(String format, String level) {
    Level adapterLevel = Level.toLevel(level.toUpperCase(Locale.ROOT), null);
    if (adapterLevel == null) {
      throw new IllegalArgumentException("unknown log level \"" + level + "\"");
    }
    if (!format.equals("text") && !format.equals("json")) {
      throw new IllegalArgumentException("unknown log format \"" + format + "\"");
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    Encoder<ILoggingEvent> encoder;
    if (format.equals("json")) {
      encoder = jsonEncoder();
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC} %-5level %logger{0}: %msg%n");
      encoder = text;
    }
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(console);
    root.setLevel(librariesLevel(adapterLevel));
    context.getLogger(ADAPTER_LOGGERS).setLevel(adapterLevel);
    context.getLogger("com.github.benmanes.caffeine").setLevel(Level.ERROR);
    routeJavaUtilLogging(context);
  }

  /**
   * Turns the log of {@code source} off until the returned handle is closed, for a one-shot command
   * whose own output says what {@code source} would log.
   */
  public static AutoCloseable silence(Class<?> source) {
    Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(source);
    Level previous = logger.getLevel();
    logger.setLevel(Level.OFF);
    return () -> logger.setLevel(previous);
  }

  /**
   * One JSON object per line: {@code time} (RFC 3339, UTC, milliseconds), {@code level}, {@code
   * logger}, {@code thread}, the formatted {@code message}, {@code exception} (the stack trace as
   * one string) when there is one, and a key per structured argument ({@link
   * net.logstash.logback.argument.StructuredArguments#v}), e.g. {@code method}, {@code path},
   * {@code code}, {@code duration_seconds}, {@code rule}.
   */
  private static LogstashEncoder jsonEncoder() {
    LogstashEncoder json = new LogstashEncoder();
    json.setTimeZone("UTC");
    json.setTimestampPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    json.setIncludeContext(false);
    LogstashFieldNames names = json.getFieldNames();
    names.setTimestamp("time");
    names.setVersion(LogstashFieldNames.IGNORE_FIELD_INDICATOR);
    names.setLevelValue(LogstashFieldNames.IGNORE_FIELD_INDICATOR);
    names.setLogger("logger");
    names.setThread("thread");
    names.setStackTrace("exception");
    return json;
  }

  private static void routeJavaUtilLogging(LoggerContext context) {
    LevelChangePropagator propagator = new LevelChangePropagator();
    propagator.setContext(context);
    propagator.setResetJUL(true);
    context.addListener(propagator);
    propagator.start();
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }
}
