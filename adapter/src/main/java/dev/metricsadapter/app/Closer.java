package dev.metricsadapter.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an assembly has built so far, closed in reverse order of registration. A failing close is
 * logged and the others still run. Not thread-safe: one assembly, one thread.
 */
final class Closer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /** Registers {@code resource} and returns it. */
  <T extends AutoCloseable> T add(T resource) {
    resources.push(resource);
    return resource;
  }

  /** Registers an action that releases something built outside this class. */
  void onClose(AutoCloseable action) {
    resources.push(action);
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception | LinkageError e) {
        LOG.warn("closing {} failed: {}", resource, e.toString());
      }
    }
  }
}
