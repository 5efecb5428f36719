package io.ringwatch.detectors.features;

/**
 * First-digit counts of a stream of amounts and their deviation from Benford's law, as the mean
 * absolute deviation (MAD) of the observed digit proportions from {@code log10(1 + 1/d)} (Nigrini,
 * <i>Benford's Law</i>, 2012: for first digits a MAD above 0.015 is "nonconformity"; 0.012–0.015
 * "marginally acceptable"). O(1) per amount, nine counters of memory; when the sample reaches
 * {@code maxSample} every count is halved, so the figure follows the recent behaviour.
 */
public final class BenfordCounter {
  private static final double[] EXPECTED = new double[10];

  static {
    for (int d = 1; d <= 9; d++) {
      EXPECTED[d] = Math.log10(1 + 1.0 / d);
    }
  }

  private final int[] counts = new int[10];
  private final int maxSample;
  private int total;

  /**
   * @param maxSample sample size at which counts are halved; at least 2
   */
  public BenfordCounter(int maxSample) {
    if (maxSample < 2) {
      throw new IllegalArgumentException("maxSample must be at least 2, was " + maxSample);
    }
    this.maxSample = maxSample;
  }

  /**
   * Counts the first significant digit of {@code amount}; zero and non-finite amounts are skipped.
   */
  public void add(double amount) {
    int digit = firstDigit(amount);
    if (digit == 0) {
      return;
    }
    counts[digit]++;
    total++;
    if (total >= maxSample) {
      total = 0;
      for (int d = 1; d <= 9; d++) {
        counts[d] /= 2;
        total += counts[d];
      }
    }
  }

  /** Number of amounts counted (after halving). */
  public int sampleSize() {
    return total;
  }

  /** Mean absolute deviation from Benford's first-digit distribution; 0 for an empty sample. */
  public double mad() {
    if (total == 0) {
      return 0;
    }
    double sum = 0;
    for (int d = 1; d <= 9; d++) {
      sum += Math.abs((double) counts[d] / total - EXPECTED[d]);
    }
    return sum / 9;
  }

  /** The first significant digit of {@code amount} (1–9), or 0 for zero and non-finite amounts. */
  public static int firstDigit(double amount) {
    double a = Math.abs(amount);
    if (a == 0 || !Double.isFinite(a)) {
      return 0;
    }
    while (a >= 10) {
      a /= 10;
    }
    while (a < 1) {
      a *= 10;
    }
    return Math.min(9, (int) a);
  }
}
