package io.ringwatch.detectors.features;

/**
 * The most recent amounts of one account (a sliding reservoir of fixed size) and the robust z-score
 * of a new amount against them: {@code 0.6745 * (x - median) / MAD} (Iglewicz and Hoaglin's
 * modified z-score), with the MAD floored at 1% of the median and at 0.01 so that an account that
 * always pays the same amount does not divide by zero.
 *
 * <p>The reservoir is also kept sorted, so the median is read directly and the MAD, the median of
 * the absolute deviations, is found by walking outwards from the median: the deviations of the
 * amounts below it and of those above it are each already in increasing order, and merging the two
 * runs reaches the middle one after n / 2 steps. Costs O(n) in the reservoir size per score and per
 * added amount (no sort), with the same results as sorting the deviations.
 */
final class AmountHistory {
  static final double MAX_ABS_Z = 50;

  /** Amounts held at first; the arrays double up to the capacity as the account pays more. */
  private static final int INITIAL_LENGTH = 8;

  private final int capacity;
  private double[] amounts;
  private double[] sorted;
  private final int minSample;
  private int size;
  private int next;

  AmountHistory(int capacity, int minSample) {
    this.capacity = capacity;
    this.amounts = new double[Math.min(capacity, INITIAL_LENGTH)];
    this.sorted = new double[amounts.length];
    this.minSample = minSample;
  }

  /** The modified z-score of {@code amount}, 0 while fewer than the minimum sample are held. */
  double zScore(double amount) {
    if (size < minSample) {
      return 0;
    }
    double median = median(sorted, size);
    double mad = Math.max(madAround(median), Math.max(0.01 * Math.abs(median), 0.01));
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
    double max = sorted[size - 1];
    return max <= 0 ? 0 : amount / max;
  }

  /**
   * The median of {@code |x - median|} over the held amounts: the deviations to the left of the
   * median position grow leftwards, those to the right grow rightwards, so a two-way merge from the
   * middle yields them in increasing order.
   */
  private double madAround(double median) {
    int n = size;
    int right = n / 2; // first amount at or after the median position
    int left = right - 1;
    double previous = 0;
    double current = 0;
    for (int k = 0; k <= n / 2; k++) {
      previous = current;
      if (left < 0) {
        current = Math.abs(sorted[right++] - median);
      } else if (right >= n) {
        current = Math.abs(sorted[left--] - median);
      } else {
        double l = Math.abs(sorted[left] - median);
        double r = Math.abs(sorted[right] - median);
        if (Double.compare(l, r) <= 0) {
          current = l;
          left--;
        } else {
          current = r;
          right++;
        }
      }
    }
    // current is the deviation of rank n / 2 (0-based), previous that of rank n / 2 - 1.
    return n % 2 == 1 ? current : (previous + current) / 2;
  }

  void add(double amount) {
    if (size == capacity) {
      remove(amounts[next]);
    } else if (size == amounts.length) {
      // Not full yet, so the reservoir has not wrapped (next == size): a plain copy.
      int length = Math.min(capacity, 2 * amounts.length);
      amounts = java.util.Arrays.copyOf(amounts, length);
      sorted = java.util.Arrays.copyOf(sorted, length);
    }
    insert(amount);
    amounts[next] = amount;
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
  }

  /** Inserts into the sorted copy (size not yet counted), after any equal amounts. */
  private void insert(double amount) {
    int held = size == capacity ? size - 1 : size;
    int at = held;
    while (at > 0 && Double.compare(sorted[at - 1], amount) > 0) {
      at--;
    }
    System.arraycopy(sorted, at, sorted, at + 1, held - at);
    sorted[at] = amount;
  }

  /** Removes one occurrence of {@code amount} from the sorted copy. */
  private void remove(double amount) {
    int at = java.util.Arrays.binarySearch(sorted, 0, size, amount);
    System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
  }

  int size() {
    return size;
  }

  private static double median(double[] sorted, int n) {
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
