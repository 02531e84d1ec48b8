package dev.metricsadapter.prometheus;

import java.io.IOException;

/** The answer is valid JSON (so far) but not shaped like a Prometheus API answer. */
final class MalformedAnswerException extends IOException {
  private static final long serialVersionUID = 1L;

  MalformedAnswerException(String message) {
    super(message);
  }
}
