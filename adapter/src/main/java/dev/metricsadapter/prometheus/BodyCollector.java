package dev.metricsadapter.prometheus;

import io.vertx.core.buffer.Buffer;

/** Collects a whole body up to a size limit. Not thread-safe. */
final class BodyCollector implements BodyConsumer {

  private final int maxBytes;
  private final Buffer body = Buffer.buffer();

  BodyCollector(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void accept(byte[] chunk) throws MalformedAnswerException {
    if (body.length() + chunk.length > maxBytes) {
      throw new MalformedAnswerException("the answer is larger than " + maxBytes + " bytes");
    }
    body.appendBytes(chunk);
  }

  @Override
  public void finish() {}

  /** The bytes received so far. */
  byte[] bytes() {
    return body.getBytes();
  }
}
