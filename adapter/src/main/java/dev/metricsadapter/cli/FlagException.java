package dev.metricsadapter.cli;

/** A flag whose value cannot be used; the message is the whole line shown to the user. */
final class FlagException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String flag;

  /**
   * @param flag the flag that caused it, e.g. {@code --secure-port}
   * @param message what is wrong, naming the flag
   */
  FlagException(String flag, String message) {
    super(message);
    this.flag = flag;
  }

  /** A problem with {@code flag}, shown as {@code flag: problem}. */
  static FlagException of(String flag, String problem) {
    return new FlagException(flag, flag + ": " + problem);
  }

  /** The flag that caused it. */
  String flag() {
    return flag;
  }
}
