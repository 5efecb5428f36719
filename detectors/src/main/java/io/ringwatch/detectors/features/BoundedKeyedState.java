package io.ringwatch.detectors.features;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Per-key state with a hard bound on the number of keys. Keys are kept in least-recently-used
 * order; adding a key beyond {@code maxKeys} evicts the least recently used one, and every access
 * also evicts up to two of the least recently used keys that have been idle (no event) for longer
 * than {@code idleMillis} of event time, so that a quiet key does not wait for memory pressure to
 * leave. Evicting a key forgets its history: its next event starts from scratch.
 *
 * <p>Not thread-safe. O(1) per access.
 */
final class BoundedKeyedState<K, S extends BoundedKeyedState.Timed> {

  /** A state that knows the event time of its latest event. */
  interface Timed {
    long lastEventMillis();
  }

  private final int maxKeys;
  private final long idleMillis;
  private final LinkedHashMap<K, S> states;
  private long evictions;

  BoundedKeyedState(int maxKeys, long idleMillis) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1, was " + maxKeys);
    }
    this.maxKeys = maxKeys;
    this.idleMillis = idleMillis;
    this.states =
        new LinkedHashMap<>(Math.min(maxKeys, 1 << 16), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, S> eldest) {
            if (size() > BoundedKeyedState.this.maxKeys) {
              evictions++;
              return true;
            }
            return false;
          }
        };
  }

  /** The state of {@code key}, created by {@code create} when absent (or evicted). */
  S get(K key, long nowMillis, Supplier<S> create) {
    evictIdle(nowMillis);
    S state = states.get(key);
    if (state == null) {
      state = create.get();
      states.put(key, state);
    }
    return state;
  }

  /** The state of {@code key} without creating or touching it, or null. */
  S peek(K key) {
    return states.get(key);
  }

  private void evictIdle(long nowMillis) {
    Iterator<S> eldest = states.values().iterator();
    for (int i = 0; i < 2 && eldest.hasNext(); i++) {
      if (eldest.next().lastEventMillis() < nowMillis - idleMillis) {
        eldest.remove();
        evictions++;
      } else {
        return;
      }
    }
  }

  int size() {
    return states.size();
  }

  long evictions() {
    return evictions;
  }
}
