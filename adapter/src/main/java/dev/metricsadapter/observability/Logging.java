package dev.metricsadapter.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Configures logging from the flags: one line per event on stderr, as text or JSON (Logback's
 * {@code JsonEncoder}), at the given level for the adapter; libraries stay at WARN unless the level
 * is more verbose than INFO. {@code java.util.logging} (and so the JDK's {@code System.Logger}) is
 * routed into the same output. Caffeine logs every failed asynchronous cache load; the adapter
 * reports those failures itself (Status answers, self-metrics, its own log lines), so Caffeine logs
 * at ERROR only.
 */
public final class Logging {

  private Logging() {}

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
      JsonEncoder json = new JsonEncoder();
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      encoder = json;
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
    root.setLevel(adapterLevel);
    Level libraries = adapterLevel.isGreaterOrEqual(Level.INFO) ? Level.WARN : adapterLevel;
    for (String library : new String[] {"io.netty", "io.vertx", "io.fabric8"}) {
      context.getLogger(library).setLevel(libraries);
    }
    context.getLogger("com.github.benmanes.caffeine").setLevel(Level.ERROR);
    routeJavaUtilLogging(context);
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
