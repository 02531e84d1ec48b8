package dev.metricsadapter.e2e;

import java.util.Objects;

/** Null checks of the records' compact constructors: one call for all the fields. */
final class Require {

  private Require() {}

  /**
   * {@link Objects#requireNonNull(Object, String)} for each field: throws a {@link
   * NullPointerException} with the name of the first null value.
   *
   * @param namesAndValues each field's name followed by its value: {@code "path", path, "timeout",
   *     timeout}
   */
  static void nonNull(Object... namesAndValues) {
    for (int i = 1; i < namesAndValues.length; i += 2) {
      Objects.requireNonNull(namesAndValues[i], String.valueOf(namesAndValues[i - 1]));
    }
  }
}
