package dev.metricsadapter.cli;

/** A flag whose value cannot be used; the message is the whole line shown, naming the flag. */
final class FlagException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, naming the flag
   */
  FlagException(String message) {
    super(message);
  }

  /** A problem with {@code flag}, shown as {@code flag: problem}. */
  static FlagException of(String flag, String problem) {
    return new FlagException(flag + ": " + problem);
  }
}
