package io.ringwatch.detectors.features;

/**
 * Count, sum and two distinct counts of one key's events over the four sliding {@link Window}s,
 * kept incrementally: one ring buffer of the key's events of the last 24 hours and, per window, the
 * position of its oldest event and its running aggregates. Adding an event costs O(1) amortised
 * (each event enters and leaves each window once) plus one hash lookup per distinct dimension.
 *
 * <p>Distinct counts: a value is in a window exactly when its latest occurrence is, so each
 * distinct value has one {@link Tally} holding the sequence number of its latest occurrence, and
 * the ring buffer marks the slot of each value's latest occurrence. An event entering counts its
 * value in the windows that did not hold it (those whose oldest event is after the value's previous
 * occurrence); an event leaving a window uncounts its value there only when its slot is marked,
 * which needs no lookup and does not touch the tally (until the value leaves the longest window and
 * its tally is dropped).
 *
 * <p>Time is the key's own event-time clock, the latest event time seen: a late event is counted as
 * of that clock, so windows never move backwards. Memory is bounded by {@code capacity} events:
 * when a key has more events inside 24 hours, the oldest leave every window early (its 24-hour
 * figures then cover only its most recent {@code capacity} events).
 */
final class VelocityWindows {
  private static final Window[] WINDOWS = Window.values();
  private static final int LONGEST = WINDOWS.length - 1;
  private static final long[] MILLIS = new long[WINDOWS.length];

  static {
    for (int w = 0; w < WINDOWS.length; w++) {
      MILLIS[w] = WINDOWS[w].millis();
    }
  }

  private final int capacity;
  private long[] times;
  private double[] amounts;

  /** {@code times.length - 1} when that length is a power of two, else -1 (then slots by %). */
  private int mask;

  /** The tally of each held event's first and second distinct value (null for a null value). */
  private Tally[] valuesA;

  private Tally[] valuesB;

  /**
   * Whether each held event is the latest occurrence of its first ({@link #LATEST_A}) and second
   * ({@link #LATEST_B}) distinct value, as bits.
   */
  private byte[] latest;

  private static final byte LATEST_A = 1;
  private static final byte LATEST_B = 2;

  /** Sequence number of the next event; event {@code s} lives at {@code s % length}. */
  private long next;

  /** Sequence number of the oldest event of each window. */
  private final long[] first = new long[WINDOWS.length];

  // A window's count is next - first[w]: every event enters all windows and leaves each once.
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
    // Most keys hold a few events: four slots first, doubled as needed up to the capacity.
    allocate(Math.min(capacity, 4));
  }

  private void allocate(int length) {
    times = new long[length];
    amounts = new double[length];
    valuesA = new Tally[length];
    valuesB = new Tally[length];
    latest = new byte[length];
    mask = Integer.bitCount(length) == 1 ? length - 1 : -1;
  }

  /** Adds one event at {@code timeMillis} and expires what fell out of each window. */
  void add(long timeMillis, double amount, Object valueA, Object valueB) {
    clock = Math.max(clock, timeMillis);
    if (total++ == 0) {
      firstSeen = clock;
    }
    long oldest = first[LONGEST];
    if (next - oldest == capacity) {
      // Full: the oldest event leaves every window still holding it.
      for (int w = 0; w < WINDOWS.length; w++) {
        if (first[w] == oldest) {
          evict(w);
        }
      }
      oldest = first[LONGEST];
    } else if (next - oldest == times.length) {
      grow();
    }
    int slot = slot(next);
    times[slot] = clock;
    amounts[slot] = amount;
    latest[slot] = 0;
    valuesA[slot] = enter(distinctA, valueA, LATEST_A, slot);
    valuesB[slot] = enter(distinctB, valueB, LATEST_B, slot);
    next++;
    for (int w = 0; w < WINDOWS.length; w++) {
      sums[w] += amount;
    }
    for (int w = 0; w < WINDOWS.length; w++) {
      long horizon = clock - MILLIS[w];
      while (first[w] < next && times[slot(first[w])] <= horizon) {
        evict(w);
      }
    }
    // The slots before the longest window's first event are free: drop references for the GC.
    long stillHeld = first[LONGEST];
    for (long s = oldest; s < stillHeld; s++) {
      int free = slot(s);
      valuesA[free] = null;
      valuesB[free] = null;
    }
  }

  /**
   * Counts {@code value} as the next event, held at {@code slot}, which becomes its latest
   * occurrence; its tally, or null for a null value.
   */
  private Tally enter(DistinctCounter counter, Object value, byte bit, int slot) {
    Tally tally = counter.add(value, first);
    if (tally != null) {
      latest[slot] |= bit;
      if (tally.latest >= 0) {
        latest[slot(tally.latest)] &= (byte) ~bit;
      }
      tally.latest = next;
    }
    return tally;
  }

  private void evict(int w) {
    int slot = slot(first[w]);
    sums[w] = next - first[w] == 1 ? 0 : sums[w] - amounts[slot];
    if ((latest[slot] & LATEST_A) != 0) {
      distinctA.leave(valuesA[slot], w);
    }
    if ((latest[slot] & LATEST_B) != 0) {
      distinctB.leave(valuesB[slot], w);
    }
    first[w]++;
  }

  private void grow() {
    long[] t = times;
    double[] a = amounts;
    Tally[] va = valuesA;
    Tally[] vb = valuesB;
    byte[] l = latest;
    int oldMask = mask;
    int oldLength = t.length;
    allocate(Math.min(capacity, oldLength * 2));
    for (long s = first[LONGEST]; s < next; s++) {
      int from = oldMask >= 0 ? (int) (s & oldMask) : (int) (s % oldLength);
      int to = slot(s);
      times[to] = t[from];
      amounts[to] = a[from];
      valuesA[to] = va[from];
      valuesB[to] = vb[from];
      latest[to] = l[from];
    }
  }

  private int slot(long sequence) {
    return mask >= 0 ? (int) (sequence & mask) : (int) (sequence % times.length);
  }

  /**
   * Writes count, sum, distinct A and distinct B of every window of {@code kind} into {@code f}.
   */
  void writeTo(KeyKind kind, double[] f) {
    for (int w = 0; w < WINDOWS.length; w++) {
      int at = FeatureNames.velocityIndex(kind, WINDOWS[w]);
      f[at] = next - first[w];
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
    return next - first[window.ordinal()];
  }

  long clock() {
    return clock;
  }

  /** Events currently held (those of the last 24 hours, at most the capacity). */
  int held() {
    return (int) (next - first[WINDOWS.length - 1]);
  }

  /** One distinct value: the sequence number of its latest occurrence (-1 before the first). */
  private static final class Tally {
    final Object value;
    final int hash;
    long latest = -1;

    Tally(Object value, int hash) {
      this.value = value;
      this.hash = hash;
    }
  }

  /**
   * The distinct non-null values of one dimension in every window, and their tallies in an
   * open-addressing table (linear probing, at most half full, backward-shift deletion). Windows are
   * nested (each event enters all four and leaves the shorter ones first), so a value whose latest
   * occurrence leaves the longest window has left every window and its tally leaves the table.
   */
  private static final class DistinctCounter {
    private Tally[] table = new Tally[4];
    private int entries;
    private final int[] sizes = new int[WINDOWS.length];

    /**
     * Counts {@code value} in the windows that did not hold it (window {@code w} holds the events
     * from sequence number {@code first[w]} on, and the value's latest occurrence so far is its
     * tally's, left unchanged); its tally, created when absent, or null for a null value.
     */
    Tally add(Object value, long[] first) {
      if (value == null) {
        return null;
      }
      int hash = spread(value.hashCode());
      int m = table.length - 1;
      int i = hash & m;
      Tally tally;
      while ((tally = table[i]) != null) {
        if (tally.hash == hash && (tally.value == value || tally.value.equals(value))) {
          break;
        }
        i = (i + 1) & m;
      }
      if (tally == null) {
        tally = new Tally(value, hash);
        table[i] = tally;
        if (++entries * 2 > table.length) {
          rehash(table.length * 2);
        }
      }
      long previous = tally.latest;
      for (int w = 0; w < WINDOWS.length; w++) {
        if (previous < first[w]) {
          sizes[w]++;
        }
      }
      return tally;
    }

    /** The latest occurrence of {@code tally}'s value leaves window {@code w}. */
    void leave(Tally tally, int w) {
      sizes[w]--;
      if (w == LONGEST) {
        remove(tally);
      }
    }

    private void remove(Tally tally) {
      int m = table.length - 1;
      int i = tally.hash & m;
      while (table[i] != tally) {
        i = (i + 1) & m;
      }
      // Backward-shift deletion: move later entries of the probe run into the gap.
      int gap = i;
      int j = (i + 1) & m;
      Tally t;
      while ((t = table[j]) != null) {
        int home = t.hash & m;
        if (((j - home) & m) >= ((j - gap) & m)) {
          table[gap] = t;
          gap = j;
        }
        j = (j + 1) & m;
      }
      table[gap] = null;
      entries--;
    }

    private void rehash(int length) {
      Tally[] old = table;
      table = new Tally[length];
      int m = length - 1;
      for (Tally t : old) {
        if (t != null) {
          int i = t.hash & m;
          while (table[i] != null) {
            i = (i + 1) & m;
          }
          table[i] = t;
        }
      }
    }

    private static int spread(int h) {
      return h ^ (h >>> 16);
    }

    int size(int w) {
      return sizes[w];
    }
  }
}
