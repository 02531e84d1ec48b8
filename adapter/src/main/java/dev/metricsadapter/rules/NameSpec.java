package dev.metricsadapter.rules;

/**
 * A rule's {@code name} section.
 *
 * @param matches regular expression over the series name; empty means {@code .*}
 * @param as the metric name, with {@code $1}/{@code ${name}} references; empty means {@code $0} or
 *     {@code $1} depending on the number of capture groups
 */
public record NameSpec(String matches, String as) {
  public static final NameSpec DEFAULT = new NameSpec("", "");
}
