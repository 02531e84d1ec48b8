package dev.metricsadapter.prometheus;

import java.io.IOException;

/**
 * Receives a response body chunk by chunk. Called on one thread at a time; a chunk array is owned
 * by the consumer once passed.
 */
interface BodyConsumer {

  /**
   * Takes the next chunk.
   *
   * @throws IOException when the body so far cannot be a valid answer; no more chunks follow
   */
  void accept(byte[] chunk) throws IOException;

  /**
   * Signals the end of the body.
   *
   * @throws IOException when the body is incomplete or invalid
   */
  void finish() throws IOException;
}
