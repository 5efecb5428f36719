package io.ringwatch.detectors.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The kept-sorted reservoir against the definition: the modified z-score computed by sorting the
 * last amounts and their absolute deviations from scratch, bit for bit, on seeded streams with
 * repeated amounts, odd and even reservoir sizes and a full reservoir sliding.
 */
class AmountHistoryTest {

  @Test
  void shouldGiveExactlyTheZScoreOfSortingTheReservoirFromScratch() {
    for (int capacity : new int[] {1, 2, 7, 64}) {
      Random random = new Random(capacity);
      AmountHistory history = new AmountHistory(capacity, 1);
      Deque<Double> last = new ArrayDeque<>();
      for (int i = 0; i < 3000; i++) {
        double amount =
            switch (random.nextInt(4)) {
              case 0 -> 50; // a usual, repeated amount
              case 1 -> random.nextInt(100);
              case 2 -> Math.round(random.nextDouble() * 10_000) / 100.0;
              default -> random.nextDouble() * 5000;
            };
        double probe = random.nextDouble() * 200;
        if (!last.isEmpty()) {
          assertThat(history.zScore(probe))
              .as("z-score after %d amounts, capacity %d", i, capacity)
              .isEqualTo(reference(last, probe));
        }
        history.add(amount);
        last.addLast(amount);
        if (last.size() > capacity) {
          last.removeFirst();
        }
        assertThat(history.size()).isEqualTo(last.size());
      }
    }
  }

  @Test
  void shouldReportZeroBelowTheMinimumSample() {
    AmountHistory history = new AmountHistory(8, 3);
    history.add(10);
    history.add(12);
    assertThat(history.zScore(1000)).isZero();
    history.add(11);
    assertThat(history.zScore(1000)).isEqualTo(AmountHistory.MAX_ABS_Z);
  }

  /** Iglewicz and Hoaglin's modified z-score by two sorts, as the definition reads. */
  private static double reference(Deque<Double> amounts, double x) {
    double[] a = amounts.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    double median = median(a);
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.abs(a[i] - median);
    }
    Arrays.sort(a);
    double mad = Math.max(median(a), Math.max(0.01 * Math.abs(median), 0.01));
    double z = 0.6745 * (x - median) / mad;
    return Math.max(-AmountHistory.MAX_ABS_Z, Math.min(AmountHistory.MAX_ABS_Z, z));
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
