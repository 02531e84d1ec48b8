package dev.metricsadapter.query;

/**
 * A template that cannot be compiled: an unsupported construct, an unknown field or an unclosed
 * action. The message quotes the offending text so that an operator can find it in the rule file.
 */
public final class TemplateException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public TemplateException(String message) {
    super(message);
  }
}
