package dev.metricsadapter.rules;

import dev.metricsadapter.failure.AdapterException;

/**
 * A rule cannot build a query for a request because it has no label for a resource it needs (for
 * example no namespace label for a namespaced request). A configuration fault, not the caller's.
 */
public final class QueryBuildException extends AdapterException {
  private static final long serialVersionUID = 1L;

  public QueryBuildException(String message) {
    super(Kind.INTERNAL, message);
  }
}
