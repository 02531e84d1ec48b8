package dev.metricsadapter.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/** Waits for a started process to answer its readiness probe. */
final class ProcessReadiness {

  private ProcessReadiness() {}

  /**
   * Polls {@code ready} every 100 ms for at most 60 s, treating I/O errors as "not yet"; fails at
   * once, with {@code log} in the message, when {@code process} exits meanwhile.
   *
   * @param name what is awaited, for messages ("the adapter on port 8443")
   */
  static void await(String name, Process process, Supplier<String> log, Callable<Boolean> ready) {
    Awaitility.await(name + " ready")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited: " + log.get());
              }
              return ready.call();
            });
  }
}
