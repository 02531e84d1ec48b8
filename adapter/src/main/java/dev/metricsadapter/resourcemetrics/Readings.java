package dev.metricsadapter.resourcemetrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one usage query measured: one reading per object and part, where a pod's parts are its
 * containers and a node is one part, {@link #WHOLE}. The first reading of a part counts. Not
 * thread-safe; one per query result.
 */
final class Readings {

  /** The one part of an object measured whole (a node). */
  static final String WHOLE = "";

  /**
   * One measured value.
   *
   * @param value the value, never negative
   * @param timestamp the sample's time
   */
  record Reading(BigDecimal value, Instant timestamp) {}

  private final Map<ObjectKey, Map<String, Reading>> byObject = new HashMap<>();

  /** Records {@code reading} for {@code part} of {@code object} unless that part has one. */
  void add(ObjectKey object, String part, Reading reading) {
    byObject.computeIfAbsent(object, key -> new HashMap<>()).putIfAbsent(part, reading);
  }

  /** The objects measured. */
  Set<ObjectKey> objects() {
    return byObject.keySet();
  }

  /** The readings of {@code object}'s parts by part name; empty when it was not measured. */
  Map<String, Reading> parts(ObjectKey object) {
    return byObject.getOrDefault(object, Map.of());
  }
}
