package io.ringwatch.detectors.features;

import java.util.Arrays;

/**
 * The most recent amounts of one account (a sliding reservoir of fixed size) and the robust z-score
 * of a new amount against them: {@code 0.6745 * (x - median) / MAD} (Iglewicz and Hoaglin's
 * modified z-score), with the MAD floored at 1% of the median and at 0.01 so that an account that
 * always pays the same amount does not divide by zero. Costs O(n log n) in the reservoir size per
 * score.
 */
final class AmountHistory {
  static final double MAX_ABS_Z = 50;
  private final double[] amounts;
  private final double[] scratch;
  private final int minSample;
  private int size;
  private int next;

  AmountHistory(int capacity, int minSample) {
    this.amounts = new double[capacity];
    this.scratch = new double[capacity];
    this.minSample = minSample;
  }

  /** The modified z-score of {@code amount}, 0 while fewer than the minimum sample are held. */
  double zScore(double amount) {
    if (size < minSample) {
      return 0;
    }
    System.arraycopy(amounts, 0, scratch, 0, size);
    Arrays.sort(scratch, 0, size);
    double median = median(scratch, size);
    for (int i = 0; i < size; i++) {
      scratch[i] = Math.abs(scratch[i] - median);
    }
    Arrays.sort(scratch, 0, size);
    double mad = Math.max(median(scratch, size), Math.max(0.01 * Math.abs(median), 0.01));
    double z = 0.6745 * (amount - median) / mad;
    return Math.max(-MAX_ABS_Z, Math.min(MAX_ABS_Z, z));
  }

  /**
   * {@code amount} over the largest amount held, 0 while fewer than the minimum sample are held.
   */
  double toMax(double amount) {
    if (size < minSample) {
      return 0;
    }
    double max = 0;
    for (int i = 0; i < size; i++) {
      max = Math.max(max, amounts[i]);
    }
    return max <= 0 ? 0 : amount / max;
  }

  void add(double amount) {
    amounts[next] = amount;
    next = (next + 1) % amounts.length;
    size = Math.min(size + 1, amounts.length);
  }

  int size() {
    return size;
  }

  private static double median(double[] sorted, int n) {
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
