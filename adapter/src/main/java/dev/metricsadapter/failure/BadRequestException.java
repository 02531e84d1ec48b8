package dev.metricsadapter.failure;

/** A malformed request path or parameter (400). */
public final class BadRequestException extends AdapterException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(String message) {
    super(Kind.BAD_REQUEST, message);
  }
}
