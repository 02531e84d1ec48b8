package dev.metricsadapter.observability;

/**
 * How the adapter logs ({@link Logging#configure}).
 *
 * @param format {@code text} or {@code json}
 * @param level the adapter's log level: error, warn, info, debug or trace
 */
public record LoggingOptions(String format, String level) {}
