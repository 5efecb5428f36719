package io.ringwatch.detectors.features;

import java.util.function.Supplier;

/**
 * Per-key state with a hard bound on the number of keys. Keys are kept in least-recently-used
 * order; adding a key beyond {@code maxKeys} evicts the least recently used one, and every {@link
 * #get} also evicts up to two of the least recently used keys that have been idle (no event) for
 * longer than {@code idleMillis} of event time, so that a quiet key does not wait for memory
 * pressure to leave. Evicting a key forgets its history: its next event starts from scratch.
 *
 * <p>A {@link #get} counts an event at its time for the key: the table keeps each key's latest
 * event time itself, next to the key, so the idle check at the eldest key reads one entry and calls
 * nothing on the state. (Each state still reports the same time as {@link Timed}; a test-time
 * assertion checks that the two agree.) The table is a chained hash table whose entries are also
 * the links of the recency list, as {@code LinkedHashMap} in access order, and behaves exactly as
 * the {@code LinkedHashMap} it replaced (ADR 0020, third pass).
 *
 * <p>Not thread-safe. O(1) per access.
 */
final class BoundedKeyedState<K, S extends BoundedKeyedState.Timed> {

  /** A state that knows the event time of its latest event. */
  interface Timed {
    long lastEventMillis();
  }

  /** One key: its chain in the hash table and its place in the recency list. */
  private static final class Entry<K, S> {
    final K key;
    final int hash;
    final S state;

    /** The latest event time counted for the key ({@code Long.MIN_VALUE} before the first). */
    long last = Long.MIN_VALUE;

    Entry<K, S> chain;
    Entry<K, S> older;
    Entry<K, S> newer;

    Entry(K key, int hash, S state) {
      this.key = key;
      this.hash = hash;
      this.state = state;
    }
  }

  private final int maxKeys;
  private final long idleMillis;
  private Entry<K, S>[] table;
  private int size;

  /** The least and the most recently used entry. */
  private Entry<K, S> eldest;

  private Entry<K, S> youngest;

  private long evictions;

  BoundedKeyedState(int maxKeys, long idleMillis) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1, was " + maxKeys);
    }
    this.maxKeys = maxKeys;
    this.idleMillis = idleMillis;
    // Small at first and doubled as keys arrive: a fresh state (a start, a replay) does not copy
    // tables sized for the bound through every young collection while it fills.
    this.table = newTable(Integer.highestOneBit(Math.min(maxKeys, 1 << 8) * 2 - 1));
  }

  @SuppressWarnings("unchecked")
  private static <K, S> Entry<K, S>[] newTable(int length) {
    return (Entry<K, S>[]) new Entry<?, ?>[length];
  }

  /**
   * The state of {@code key}, created by {@code create} when absent (or evicted), for an event at
   * {@code nowMillis}: the caller applies that event to the state. The key becomes the most
   * recently used.
   */
  S get(K key, long nowMillis, Supplier<S> create) {
    evictIdle(nowMillis);
    int hash = hash(key);
    Entry<K, S> e = find(key, hash);
    if (e != null) {
      touch(e);
    } else {
      e = new Entry<>(key, hash, create.get());
      insert(e);
      if (size > maxKeys) {
        remove(eldest);
        evictions++;
      }
    }
    e.last = Math.max(e.last, nowMillis);
    return e.state;
  }

  /**
   * The state of {@code key} without creating it or counting an event, or null. A key found becomes
   * the most recently used (as a read of an access-ordered {@code LinkedHashMap} did).
   */
  S peek(K key) {
    Entry<K, S> e = find(key, hash(key));
    if (e == null) {
      return null;
    }
    touch(e);
    return e.state;
  }

  private void evictIdle(long nowMillis) {
    for (int i = 0; i < 2 && eldest != null; i++) {
      assert eldest.last == eldest.state.lastEventMillis()
          : "state time " + eldest.state.lastEventMillis() + " != counted " + eldest.last;
      if (eldest.last < nowMillis - idleMillis) {
        remove(eldest);
        evictions++;
      } else {
        return;
      }
    }
  }

  /** {@code HashMap}'s spreading of the key's hash. */
  private static int hash(Object key) {
    int h = key.hashCode();
    return h ^ (h >>> 16);
  }

  private Entry<K, S> find(K key, int hash) {
    Entry<K, S> e = table[hash & (table.length - 1)];
    while (e != null) {
      if (e.hash == hash && (e.key == key || e.key.equals(key))) {
        return e;
      }
      e = e.chain;
    }
    return null;
  }

  /** Makes {@code e} the most recently used. */
  private void touch(Entry<K, S> e) {
    if (e == youngest) {
      return;
    }
    unlink(e);
    append(e);
  }

  private void insert(Entry<K, S> e) {
    if (size >= table.length - (table.length >>> 2)) {
      resize();
    }
    int at = e.hash & (table.length - 1);
    e.chain = table[at];
    table[at] = e;
    size++;
    append(e);
  }

  private void remove(Entry<K, S> e) {
    int at = e.hash & (table.length - 1);
    Entry<K, S> p = table[at];
    if (p == e) {
      table[at] = e.chain;
    } else {
      while (p.chain != e) {
        p = p.chain;
      }
      p.chain = e.chain;
    }
    size--;
    unlink(e);
  }

  private void append(Entry<K, S> e) {
    e.older = youngest;
    e.newer = null;
    if (youngest == null) {
      eldest = e;
    } else {
      youngest.newer = e;
    }
    youngest = e;
  }

  private void unlink(Entry<K, S> e) {
    if (e.older == null) {
      eldest = e.newer;
    } else {
      e.older.newer = e.newer;
    }
    if (e.newer == null) {
      youngest = e.older;
    } else {
      e.newer.older = e.older;
    }
  }

  private void resize() {
    Entry<K, S>[] old = table;
    table = newTable(old.length * 2);
    int mask = table.length - 1;
    for (Entry<K, S> head : old) {
      Entry<K, S> e = head;
      while (e != null) {
        Entry<K, S> next = e.chain;
        int at = e.hash & mask;
        e.chain = table[at];
        table[at] = e;
        e = next;
      }
    }
  }

  int size() {
    return size;
  }

  long evictions() {
    return evictions;
  }
}
