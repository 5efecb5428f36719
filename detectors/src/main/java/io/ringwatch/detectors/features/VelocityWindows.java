package io.ringwatch.detectors.features;

import java.util.HashMap;
import java.util.Map;

/**
 * Count, sum and two distinct counts of one key's events over the four sliding {@link Window}s,
 * kept incrementally: one ring buffer of the key's events of the last 24 hours and, per window, the
 * position of its oldest event and its running aggregates. Adding an event costs O(1) amortised
 * (each event enters and leaves each window once) plus one hash-map lookup per distinct dimension:
 * each distinct value has one {@link Tally} of its events per window, shared by the four windows,
 * and the ring buffer holds the tally itself, so an event leaving a window costs no lookup.
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

  /** The tally of each held event's first and second distinct value (null for a null value). */
  private Tally[] valuesA;

  private Tally[] valuesB;

  /** Sequence number of the next event; event {@code s} lives at {@code s % length}. */
  private long next;

  /** Sequence number of the oldest event of each window. */
  private final long[] first = new long[WINDOWS.length];

  private final long[] counts = new long[WINDOWS.length];
  private final double[] sums = new double[WINDOWS.length];
  private final DistinctCounter distinctA = new DistinctCounter();
  private final DistinctCounter distinctB = new DistinctCounter();
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
    valuesA = new Tally[initial];
    valuesB = new Tally[initial];
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
    valuesA[slot] = distinctA.add(valueA);
    valuesB[slot] = distinctB.add(valueB);
    next++;
    for (int w = 0; w < WINDOWS.length; w++) {
      counts[w]++;
      sums[w] += amount;
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
    distinctA.remove(valuesA[slot], w);
    distinctB.remove(valuesB[slot], w);
    first[w]++;
  }

  private void grow() {
    int length = Math.min(capacity, times.length * 2);
    long[] t = new long[length];
    double[] a = new double[length];
    Tally[] va = new Tally[length];
    Tally[] vb = new Tally[length];
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
      f[at + 2] = distinctA.size(w);
      f[at + 3] = distinctB.size(w);
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

  /** One distinct value's number of events in each window. */
  private static final class Tally {
    final Object value;
    final int[] events = new int[WINDOWS.length];

    Tally(Object value) {
      this.value = value;
    }
  }

  /**
   * The distinct non-null values of one dimension in every window: a value is in window {@code w}
   * while its tally counts an event there. Windows are nested (each event enters all four and
   * leaves the shorter ones first), so a tally whose longest-window count reaches zero is empty in
   * every window and leaves the map.
   */
  private static final class DistinctCounter {
    private final Map<Object, Tally> tallies = new HashMap<>(4);
    private final int[] sizes = new int[WINDOWS.length];

    /** Counts {@code value} in every window; its tally, or null for a null value. */
    Tally add(Object value) {
      if (value == null) {
        return null;
      }
      Tally tally = tallies.get(value);
      if (tally == null) {
        tally = new Tally(value);
        tallies.put(value, tally);
      }
      for (int w = 0; w < WINDOWS.length; w++) {
        if (tally.events[w]++ == 0) {
          sizes[w]++;
        }
      }
      return tally;
    }

    /** Removes one event of {@code tally}'s value from window {@code w}. */
    void remove(Tally tally, int w) {
      if (tally != null && --tally.events[w] == 0) {
        sizes[w]--;
        if (w == WINDOWS.length - 1) {
          tallies.remove(tally.value);
        }
      }
    }

    int size(int w) {
      return sizes[w];
    }
  }
}
