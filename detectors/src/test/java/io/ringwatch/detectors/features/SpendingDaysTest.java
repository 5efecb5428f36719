package io.ringwatch.detectors.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpendingDaysTest {

  /** The buckets as they were: 32 slots by day mod 32, each holding the latest day of its slot. */
  private static final class Buckets {
    final long[] days = new long[32];
    final int[] counts = new int[32];
    final double[] sums = new double[32];

    Buckets() {
      Arrays.fill(days, Long.MIN_VALUE);
    }

    void add(long day, double amount) {
      int slot = (int) (day & 31);
      if (days[slot] != day) {
        if (days[slot] > day) {
          return;
        }
        days[slot] = day;
        counts[slot] = 0;
        sums[slot] = 0;
      }
      counts[slot]++;
      sums[slot] += amount;
    }

    void totals(long day, double[] out) {
      Arrays.fill(out, 0);
      for (int k = 0; k < 30; k++) {
        long d = day - k;
        int slot = (int) (d & 31);
        if (days[slot] == d) {
          if (k == 0) {
            out[0] += counts[slot];
          }
          if (k < 7) {
            out[1] += counts[slot];
            out[2] += sums[slot];
          }
          out[3] += counts[slot];
          out[4] += sums[slot];
        }
      }
    }
  }

  @Test
  void shouldTotalBitForBitAsThirtyTwoDayBucketsWithLateAndSkippedDays() {
    Random random = new Random(23);
    for (int run = 0; run < 300; run++) {
      SpendingProfile.Days days = new SpendingProfile.Days();
      Buckets expected = new Buckets();
      long day = -40 + random.nextInt(80); // negative days too
      double[] got = new double[SpendingProfile.Days.TOTALS];
      double[] want = new double[SpendingProfile.Days.TOTALS];
      for (int step = 0; step < 400; step++) {
        int move = random.nextInt(10); // 0-4: the same day again
        if (move >= 5 && move < 8) {
          day += 1 + random.nextInt(3);
        } else if (move == 8) {
          day += 20 + random.nextInt(40); // gaps beyond the kept days
        }
        // A late event now and then, up to 40 days back.
        long eventDay = random.nextInt(6) == 0 ? day - random.nextInt(40) : day;
        double amount = random.nextDouble() * 1000 / 7;
        days.add(eventDay, step, amount);
        expected.add(eventDay, amount);
        long askDay = random.nextInt(6) == 0 ? day - random.nextInt(35) : day;
        days.totals(askDay, got);
        expected.totals(askDay, want);
        for (int i = 0; i < got.length; i++) {
          assertThat(Double.doubleToRawLongBits(got[i]))
              .as("run %d step %d total %d", run, step, i)
              .isEqualTo(Double.doubleToRawLongBits(want[i]));
        }
      }
    }
  }
}
