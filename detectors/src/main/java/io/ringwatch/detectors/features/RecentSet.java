package io.ringwatch.detectors.features;

import java.util.LinkedHashMap;
import java.util.Map;

/** The most recently used values, at most {@code capacity} of them; O(1) per operation. */
final class RecentSet<T> {
  private final LinkedHashMap<T, Boolean> values;

  RecentSet(int capacity) {
    this.values =
        new LinkedHashMap<>(8, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<T, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Records {@code value}; true when it was not among the recent values. */
  boolean add(T value) {
    return values.put(value, Boolean.TRUE) == null;
  }

  int size() {
    return values.size();
  }
}
