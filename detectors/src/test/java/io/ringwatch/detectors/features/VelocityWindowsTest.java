package io.ringwatch.detectors.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The incremental windows against a recount from scratch: after every event of a seeded random
 * stream (bursts and gaps, repeated values, nulls, late events, a small capacity), every window's
 * count, sum and distinct counts equal those of the events it should hold.
 */
class VelocityWindowsTest {
  private record Event(long time, double amount, Object a, Object b) {}

  @Test
  void shouldMatchARecountOfEveryWindowAfterEveryEvent() {
    for (int capacity : new int[] {4, 5, 16, 100, 1024}) {
      // many distinct values for the larger capacities: the tally table grows and deletes
      int values = capacity >= 100 ? 60 : 6;
      Random random = new Random(capacity);
      VelocityWindows windows = new VelocityWindows(capacity);
      List<Event> held = new ArrayList<>();
      long clock = 0;
      long latest = Long.MIN_VALUE;
      for (int i = 0; i < 5000; i++) {
        clock += gap(random);
        // now and then an event a little late: it counts as of the key's latest time
        long time = random.nextInt(20) == 0 ? clock - 30_000 : clock;
        Object a = random.nextInt(8) == 0 ? null : "m" + random.nextInt(values);
        Object b = random.nextInt(8) == 0 ? null : "d" + random.nextInt(3);
        double amount = 1 + random.nextInt(500);
        windows.add(time, amount, a, b);
        latest = Math.max(latest, time);
        held.add(new Event(latest, amount, a, b));
        if (held.size() > capacity) {
          held.remove(0);
        }

        double[] f = new double[FeatureNames.size()];
        windows.writeTo(KeyKind.CARD, f);
        for (Window w : Window.values()) {
          long horizon = latest - w.millis();
          List<Event> in = held.stream().filter(e -> e.time() > horizon).toList();
          int at = FeatureNames.velocityIndex(KeyKind.CARD, w);
          assertThat(f[at]).as("count %s after %d", w, i).isEqualTo(in.size());
          assertThat(f[at + 1])
              .as("sum %s after %d", w, i)
              .isCloseTo(in.stream().mapToDouble(Event::amount).sum(), within());
          assertThat(f[at + 2]).as("distinct A %s after %d", w, i).isEqualTo(distinct(in, true));
          assertThat(f[at + 3]).as("distinct B %s after %d", w, i).isEqualTo(distinct(in, false));
        }
      }
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }

  /** Seconds within a burst, sometimes minutes or hours between them. */
  private static long gap(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> 3_600_000L * (1 + random.nextInt(30));
      case 1, 2 -> 60_000L * random.nextInt(15);
      default -> 1000L * random.nextInt(20);
    };
  }

  private static int distinct(List<Event> events, boolean first) {
    Set<Object> values = new HashSet<>();
    for (Event e : events) {
      Object v = first ? e.a() : e.b();
      if (v != null) {
        values.add(v);
      }
    }
    return values.size();
  }
}
