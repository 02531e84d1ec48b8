package dev.metricsadapter.demo;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Objects;

/**
 * The HPA controller's replica calculation for a Pods metric with an AverageValue target
 * (replica_calculator.go, calcPlainMetricReplicas): the pods' values in milli-units, averaged with
 * integer division; their ratio to the target; the current count when the ratio is within the
 * tolerance of 1, else ceil(ratio × current replicas); clamped to the HPA's replica range. It is
 * the raw recommendation: the stabilization window, the scale-up rate limit and the rebalancing of
 * pods without a value, which the controller adds, are left out.
 *
 * @param target the target average value per pod; positive
 * @param tolerance how far the ratio may be from 1 without a change (the controller's default is
 *     0.1); at least 0
 * @param minReplicas the HPA's minReplicas; at least 1
 * @param maxReplicas the HPA's maxReplicas; at least minReplicas
 */
public record HpaRule(Quantity target, double tolerance, int minReplicas, int maxReplicas) {

  /**
   * What the calculation found.
   *
   * @param averageMilli the pods' average value in milli-units
   * @param replicas the replica count the HPA would want
   */
  public record Recommendation(BigInteger averageMilli, int replicas) {

    /** The average value per pod. */
    public double averagePerPod() {
      return averageMilli.doubleValue() / 1000;
    }
  }

  /** Validates every field; {@link IllegalArgumentException} names the offending flag. */
  public HpaRule {
    Objects.requireNonNull(target, "target");
    if (target.milliValue().signum() <= 0) {
      throw new IllegalArgumentException("--target must be positive, got " + target);
    }
    if (!(tolerance >= 0 && tolerance < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("--tolerance must be 0 or more, got " + tolerance);
    }
    if (minReplicas < 1) {
      throw new IllegalArgumentException("--min-replicas must be at least 1, got " + minReplicas);
    }
    if (maxReplicas < minReplicas) {
      throw new IllegalArgumentException(
          "--max-replicas must be at least --min-replicas ("
              + minReplicas
              + "), got "
              + maxReplicas);
    }
  }

  /**
   * The recommendation for {@code podValues} (one per pod that has a value) with {@code
   * currentReplicas} running.
   *
   * @throws IllegalArgumentException when there is no value or currentReplicas is below 1
   */
  public Recommendation recommend(int currentReplicas, Collection<Quantity> podValues) {
    if (currentReplicas < 1) {
      throw new IllegalArgumentException(
          "current replicas must be at least 1, got " + currentReplicas);
    }
    if (podValues.isEmpty()) {
      throw new IllegalArgumentException("no pod values to average");
    }
    BigInteger sum =
        podValues.stream().map(Quantity::milliValue).reduce(BigInteger.ZERO, BigInteger::add);
    BigInteger average = sum.divide(BigInteger.valueOf(podValues.size()));
    double ratio = average.doubleValue() / target.milliValue().doubleValue();
    double wanted =
        1 - tolerance <= ratio && ratio <= 1 + tolerance
            ? currentReplicas
            : Math.ceil(ratio * currentReplicas);
    return new Recommendation(average, (int) Math.max(minReplicas, Math.min(maxReplicas, wanted)));
  }
}
