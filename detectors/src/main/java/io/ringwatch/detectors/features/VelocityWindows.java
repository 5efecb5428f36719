package io.ringwatch.detectors.features;

import java.util.HashMap;
import java.util.Map;

/**
 * Count, sum and two distinct counts of one key's events over the four sliding {@link Window}s,
 * kept incrementally: one ring buffer of the key's events of the last 24 hours and, per window, the
 * position of its oldest event and its running aggregates. Adding an event costs O(1) amortised
 * (each event enters and leaves each window once) plus O(1) hash-map updates for the distinct
 * counts.
 *
 * <p>Time is the key's own event-time clock, the latest event time seen: a late event is counted as
 * of that clock, so windows never move backwards. Memory is bounded by {@code capacity} events:
 * when a key has more events inside 24 hours, the oldest leave every window early (its 24-hour
 * figures then cover only its most recent {@code capacity} events).
 */
final class VelocityWindows {
  private static final Window[] WINDOWS = Window.values();

  private final int capacity;
  private long[] times;
  private double[] amounts;
  private Object[] valuesA;
  private Object[] valuesB;

  /** Sequence number of the next event; event {@code s} lives at {@code s % length}. */
  private long next;

  /** Sequence number of the oldest event of each window. */
  private final long[] first = new long[WINDOWS.length];

  private final long[] counts = new long[WINDOWS.length];
  private final double[] sums = new double[WINDOWS.length];
  private final DistinctCounter[] distinctA = new DistinctCounter[WINDOWS.length];
  private final DistinctCounter[] distinctB = new DistinctCounter[WINDOWS.length];
  private long clock = Long.MIN_VALUE;
  private long firstSeen = Long.MIN_VALUE;
  private long total;

  VelocityWindows(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    int initial = Math.min(capacity, 8);
    times = new long[initial];
    amounts = new double[initial];
    valuesA = new Object[initial];
    valuesB = new Object[initial];
    for (int w = 0; w < WINDOWS.length; w++) {
      distinctA[w] = new DistinctCounter();
      distinctB[w] = new DistinctCounter();
    }
  }

  /** Adds one event at {@code timeMillis} and expires what fell out of each window. */
  void add(long timeMillis, double amount, Object valueA, Object valueB) {
    clock = Math.max(clock, timeMillis);
    if (total++ == 0) {
      firstSeen = clock;
    }
    long oldest = first[WINDOWS.length - 1];
    if (next - oldest == capacity) {
      // Full: the oldest event leaves every window still holding it.
      for (int w = 0; w < WINDOWS.length; w++) {
        if (first[w] == oldest) {
          evict(w);
        }
      }
      oldest = first[WINDOWS.length - 1];
    } else if (next - oldest == times.length) {
      grow();
    }
    int slot = slot(next);
    times[slot] = clock;
    amounts[slot] = amount;
    valuesA[slot] = valueA;
    valuesB[slot] = valueB;
    next++;
    for (int w = 0; w < WINDOWS.length; w++) {
      counts[w]++;
      sums[w] += amount;
      distinctA[w].add(valueA);
      distinctB[w].add(valueB);
    }
    for (int w = 0; w < WINDOWS.length; w++) {
      long horizon = clock - WINDOWS[w].millis();
      while (first[w] < next && times[slot(first[w])] <= horizon) {
        evict(w);
      }
    }
    // The slots before the longest window's first event are free: drop references for the GC.
    long stillHeld = first[WINDOWS.length - 1];
    for (long s = oldest; s < stillHeld; s++) {
      valuesA[slot(s)] = null;
      valuesB[slot(s)] = null;
    }
  }

  private void evict(int w) {
    int slot = slot(first[w]);
    counts[w]--;
    sums[w] = counts[w] == 0 ? 0 : sums[w] - amounts[slot];
    distinctA[w].remove(valuesA[slot]);
    distinctB[w].remove(valuesB[slot]);
    first[w]++;
  }

  private void grow() {
    int length = Math.min(capacity, times.length * 2);
    long[] t = new long[length];
    double[] a = new double[length];
    Object[] va = new Object[length];
    Object[] vb = new Object[length];
    for (long s = first[WINDOWS.length - 1]; s < next; s++) {
      int from = slot(s);
      int to = (int) (s % length);
      t[to] = times[from];
      a[to] = amounts[from];
      va[to] = valuesA[from];
      vb[to] = valuesB[from];
    }
    times = t;
    amounts = a;
    valuesA = va;
    valuesB = vb;
  }

  private int slot(long sequence) {
    return (int) (sequence % times.length);
  }

  /**
   * Writes count, sum, distinct A and distinct B of every window of {@code kind} into {@code f}.
   */
  void writeTo(KeyKind kind, double[] f) {
    for (int w = 0; w < WINDOWS.length; w++) {
      int at = FeatureNames.velocityIndex(kind, WINDOWS[w]);
      f[at] = counts[w];
      f[at + 1] = Math.max(0, sums[w]);
      f[at + 2] = distinctA[w].size();
      f[at + 3] = distinctB[w].size();
    }
  }

  /** Events ever added to this key (not bounded by the capacity). */
  long total() {
    return total;
  }

  /** Event time of the key's first event. */
  long firstSeen() {
    return firstSeen;
  }

  long count(Window window) {
    return counts[window.ordinal()];
  }

  long clock() {
    return clock;
  }

  /** Events currently held (those of the last 24 hours, at most the capacity). */
  int held() {
    return (int) (next - first[WINDOWS.length - 1]);
  }

  /** Multiset of values, counting distinct non-null ones. */
  private static final class DistinctCounter {
    private final Map<Object, int[]> counts = new HashMap<>(4);

    void add(Object value) {
      if (value != null) {
        counts.computeIfAbsent(value, v -> new int[1])[0]++;
      }
    }

    void remove(Object value) {
      if (value != null) {
        int[] count = counts.get(value);
        if (count != null && --count[0] == 0) {
          counts.remove(value);
        }
      }
    }

    int size() {
      return counts.size();
    }
  }
}
